"""Where things live in a project folder: content/, templates/, output/."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MEETING_FILE = "meeting.yaml"
THEMES_FILE = "themes.yaml"


@dataclass(frozen=True)
class Project:
    """A project folder: the current directory or the one given with --project."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    @property
    def themes_file(self) -> Path:
        return self.content_dir / THEMES_FILE

    def meeting_ids(self) -> list[str]:
        """Ids of the meetings in content/: every folder holding a meeting.yaml."""
        if not self.content_dir.is_dir():
            return []
        return sorted(p.parent.name for p in self.content_dir.glob(f"*/{MEETING_FILE}"))

    def meeting_dir(self, meeting_id: str) -> Path:
        return self.content_dir / meeting_id

    def display(self, path: Path) -> str:
        """A path as the user should read it in messages: relative to the project folder."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symbolic link followed, lies inside `folder` (links followed too)."""
    return path.resolve().is_relative_to(folder.resolve())


def output_path(root: Path, meeting_id: str, kind: str, fmt: str, language: str | None = None) -> Path:
    """output/<meeting>/<meeting>-<kind>.<fmt>; a language edition (--lang CODE): <meeting>-<kind>-<CODE>.<fmt>.
    Here, below everything, so that planning a build (build/batch.py) names outputs without the model."""
    return root / meeting_id / f"{meeting_id}-{kind}{'-' + language if language else ''}.{fmt}"
