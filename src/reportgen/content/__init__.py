"""The content stage: a meeting's YAML files loaded, validated against the schema and its own
references, and resolved into the typed model the templates read (with its cache); the participants
list and State roles derived from it; the JSON Schema and field reference for editors; `reportgen new`
and `reportgen list`; language editions (translation files laid over the original, their status,
XLIFF for translators).

May import: style, core."""
