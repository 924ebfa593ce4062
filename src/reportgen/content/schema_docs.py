"""The field reference of docs/content.md, made from the schema's field docstrings.

Every record of a meeting file gets a table: each key, what it takes, whether it is required and
its one-line description (which says what it prints). `reportgen schema --markdown` prints it;
scripts/content_reference.py writes it into docs/content.md between the markers below."""

from __future__ import annotations

import logging
import re
from typing import Any

from .schema import MeetingFile
from .schema_export import meeting_schema

log = logging.getLogger(__name__)

BEGIN = "<!-- field reference: begin (made by scripts/content_reference.py; do not edit by hand) -->"
END = "<!-- field reference: end -->"


def _anchor(name: str) -> str:
    return name.lower()


def _type(prop: dict[str, Any]) -> str:
    """What a key takes, in words: 'text', 'id', 'list of [Person](#person)', 'one of: a, b'."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    for key in ("anyOf", "oneOf"):
        if key in prop:
            options = [o for o in prop[key] if o.get("type") != "null"]
            return " or ".join(dict.fromkeys(_type(o) for o in options))
    if "enum" in prop:
        return "one of: " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{str(prop['const']).lower()}`"
    kind = prop.get("type")
    if kind == "array":
        return "list of " + _type(prop.get("items", {}))
    if kind == "object":
        return "mapping of id to " + _type(prop.get("additionalProperties", {}))
    if kind == "string":
        pattern = prop.get("pattern", "")
        if prop.get("format") == "date":
            return "date (YYYY-MM-DD)"
        if pattern.startswith("^[a-z0-9]"):
            return "id"
        if ":" in pattern:
            return "time (HH:MM)"
        return "text"
    return {"integer": "whole number", "number": "number", "boolean": "true or false"}.get(str(kind), "any")


def field_reference() -> str:
    """The Markdown reference: one section per record, one row per key."""
    schema = meeting_schema()
    records = {"MeetingFile": schema, **schema["definitions"]}
    out: list[str] = []
    for name in ["MeetingFile", *sorted(n for n in records if n != "MeetingFile")]:
        record = records[name]
        if "properties" not in record:
            continue
        description = re.sub(r"\s+", " ", record.get("description", "")).strip()
        out += [f"### {name}", "", description, "", "| key | takes | | what it is, what it prints |", "|---|---|---|---|"]
        required = set(record.get("required", MeetingFile.model_json_schema().get("required", []) if name == "MeetingFile" else []))
        for key, prop in record["properties"].items():
            referred = records.get(prop.get("$ref", "").rsplit("/", 1)[-1], {})
            text = re.sub(r"\s+", " ", prop.get("description") or referred.get("description", "")).replace("|", "\\|")
            out.append(f"| `{key}` | {_type(prop)} | {'required' if key in required else ''} | {text} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def splice(document: str, reference: str) -> str:
    """`document` with the text between the reference markers replaced by `reference`."""
    start, end = document.index(BEGIN) + len(BEGIN), document.index(END)
    return document[:start] + "\n" + reference + document[end:]
