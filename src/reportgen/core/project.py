"""Where things live in a project folder: content/, templates/, output/."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .names import brief_name_problem, meeting_id_problem

log = logging.getLogger(__name__)

MEETING_FILE = "meeting.yaml"
THEMES_FILE = "themes.yaml"
BRIEFS_DIR = "briefs"  # content/briefs/: the saved briefs


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
        """Ids of the meetings in content/: every folder holding a meeting.yaml whose name is a
        valid meeting id (the others are reported by misnamed_meetings)."""
        return [name for name in self._meeting_folders() if meeting_id_problem(name) is None]

    def misnamed_meetings(self) -> dict[str, str]:
        """Folders of content/ holding a meeting.yaml whose name cannot be a meeting id: {name: why}."""
        found = {name: meeting_id_problem(name) for name in self._meeting_folders()}
        return {name: why for name, why in found.items() if why is not None}

    def brief_names(self) -> list[str]:
        """Names of the saved briefs: content/briefs/<name>.yaml, each a valid brief name (the
        others are reported by misnamed_briefs)."""
        return [name for name in self._brief_files() if brief_name_problem(name) is None]

    def misnamed_briefs(self) -> dict[str, str]:
        """Files content/briefs/*.yaml whose name cannot name a brief: {name: why}."""
        found = {name: brief_name_problem(name) for name in self._brief_files()}
        return {name: why for name, why in found.items() if why is not None}

    def _brief_files(self) -> list[str]:
        folder = self.content_dir / BRIEFS_DIR
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []

    def _meeting_folders(self) -> list[str]:
        if not self.content_dir.is_dir():
            return []
        return sorted(p.parent.name for p in self.content_dir.glob(f"*/{MEETING_FILE}"))

    def meeting_dir(self, meeting_id: str) -> Path:
        return self.content_dir / meeting_id

    def display(self, path: Path) -> str:
        """A path as the user should read it in messages: relative to the project folder (where
        the user sees it, even when it is a link leading elsewhere)."""
        for mine, root in ((path.absolute(), self.root.absolute()), (path.resolve(), self.root.resolve())):
            try:
                return mine.relative_to(root).as_posix()
            except ValueError:
                continue
        return str(path)


def user_cache_dir() -> Path:
    """reportgen's folder in the user's cache (REPORTGEN_CACHE_DIR, else $XDG_CACHE_HOME/reportgen or ~/.cache/reportgen)."""
    base = os.environ.get("REPORTGEN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "reportgen")
    return Path(base)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symbolic link followed, lies inside `folder` (links followed too)."""
    return path.resolve().is_relative_to(folder.resolve())


def output_path(root: Path, meeting_id: str, kind: str, fmt: str, language: str | None = None) -> Path:
    """output/<meeting>/<meeting>-<kind>.<fmt>; a language edition (--lang CODE): <meeting>-<kind>-<CODE>.<fmt>.
    Here, below everything, so that planning a build (build/batch.py) names outputs without the model."""
    return root / meeting_id / f"{meeting_id}-{kind}{'-' + language if language else ''}.{fmt}"
