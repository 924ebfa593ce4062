"""The render stage: the typed model through Jinja into semantic HTML (the contract both writers
read), with inline Markdown, editorial rules of the language, UN paragraph numbering and the sentences
that gists and summaries are cut at.

May import: content, style, core."""
