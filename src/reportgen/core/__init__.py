"""The ground every stage stands on: the project folder and its paths, the naming rule for meetings and
briefs, YAML read with line marks (and the usual slips explained), user-facing errors, atomic writes,
file signatures, and the sandboxed Jinja environment every template renders in.

May import: nothing of reportgen (only the standard library and third-party libraries)."""
