"""The ground every stage stands on: the project folder and its paths, YAML read with line marks,
user-facing errors, atomic writes and file signatures.

May import: nothing of reportgen (the standard library, click and PyYAML only)."""
