"""Export the content schema as JSON Schema for editors (YAML language servers).

Draft-07, the version the YAML language server (VS Code's YAML extension, and editors built on
it) understands: definitions under `definitions`, no `$defs`. The top level requires no key, so
the same schema serves meeting.yaml and the files it includes (people.yaml, annexes.yaml …);
`reportgen validate` still checks that the merged meeting has every required part."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .schema import MeetingFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# A day as YYYY-MM-DD with a month 01-12 and a day 01-31, for checkers that leave `format` unchecked
# (draft-07 makes formats optional); with formats checked, "date" also rejects 2026-11-31.
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"


def meeting_schema(languages: Iterable[str] = ()) -> dict[str, Any]:
    """The meeting file's JSON Schema (draft-07) as a dictionary; `languages`, those with a label
    catalogue, become the choices of document.language."""
    schema = MeetingFile.model_json_schema(ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    schema.pop("required", None)
    # Fields that take one line or a list of lines (a BeforeValidator pydantic cannot describe).
    subtitle = schema["definitions"].get("Document", {}).get("properties", {}).get("subtitle")
    if subtitle is not None and subtitle.get("type") == "array":
        subtitle["anyOf"] = [{"type": "string", "minLength": 1}, {"type": "array", "items": subtitle.pop("items")}]
        subtitle.pop("type")
    _date_patterns(schema)
    if languages:  # the project's label catalogues: the languages a document can be printed in
        document = schema["definitions"]["Document"]["properties"]
        document["language"]["enum"] = sorted(languages)
    return {"$schema": DRAFT_07, "title": "reportgen meeting.yaml", **schema}


def _date_patterns(node: Any) -> None:
    """Every day-date field (`format: date`) also gets DATE_PATTERN."""
    if isinstance(node, dict):
        if node.get("format") == "date" and node.get("type") == "string":
            node["pattern"] = DATE_PATTERN
        for value in node.values():
            _date_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _date_patterns(value)


def meeting_json_schema(languages: Iterable[str] = ()) -> str:
    return json.dumps(meeting_schema(languages), indent=2, ensure_ascii=False)
