"""What the preview knows of each meeting between requests (shared by the server and its page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class MeetingState:
    """What the preview knows of one meeting."""

    html: dict[str, str] = field(default_factory=dict)  # kind -> HTML of the last good render
    problems: list[str] | None = None  # the current error, one line per problem
    rendered_at: float = 0.0
    render_seconds: float = 0.0
    files_at: float = 0.0
    files_seconds: float = 0.0
    files_error: str | None = None
    prepared: Any = None  # the last good render_meeting() result, written without rendering again
