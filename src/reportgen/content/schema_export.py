"""Export the content schema as JSON Schema for editors (YAML language servers).

Draft-07, the version the YAML language server (VS Code's YAML extension, and editors built on
it) understands: definitions under `definitions`, no `$defs`. The top level requires no key, so
the same schema serves meeting.yaml and the files it includes (people.yaml, annexes.yaml …);
`reportgen validate` still checks that the merged meeting has every required part."""

from __future__ import annotations

import json
from typing import Any

from .schema import MeetingFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def meeting_schema() -> dict[str, Any]:
    """The meeting file's JSON Schema (draft-07) as a dictionary."""
    schema = MeetingFile.model_json_schema(ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    schema.pop("required", None)
    # Fields that take one line or a list of lines (a BeforeValidator pydantic cannot describe).
    subtitle = schema["definitions"].get("Document", {}).get("properties", {}).get("subtitle")
    if subtitle is not None and subtitle.get("type") == "array":
        subtitle["anyOf"] = [{"type": "string", "minLength": 1}, {"type": "array", "items": subtitle.pop("items")}]
        subtitle.pop("type")
    return {"$schema": DRAFT_07, "title": "reportgen meeting.yaml", **schema}


def meeting_json_schema() -> str:
    return json.dumps(meeting_schema(), indent=2, ensure_ascii=False)
