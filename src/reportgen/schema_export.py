"""Export the content schema as JSON Schema for editors (YAML language servers)."""

from __future__ import annotations

import json

from .schema import MeetingFile


def meeting_json_schema() -> str:
    schema = MeetingFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "reportgen meeting.yaml"
    return json.dumps(schema, indent=2, ensure_ascii=False)
