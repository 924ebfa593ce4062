"""What a project's template folders say about style: the template search path, house styles
(house.yaml, their chains and stylesheets) and the label catalogues of each language.

May import: core."""
