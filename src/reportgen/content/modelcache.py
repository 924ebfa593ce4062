"""The validated model, cached: unchanged content is not parsed and validated again.

A meeting that passed validation is kept in the user's cache folder (~/.cache/reportgen/, or
$XDG_CACHE_HOME/reportgen/, or $REPORTGEN_CACHE_DIR), one folder per project, not in output/:
validating must not create output/ when nothing is built. There `<id>.json` holds
the signatures of what its validation read (its YAML files, the themes, the label catalogues
that decide the valid languages, the reportgen code) and a summary for `list`; `<id>.pickle`
holds the validated model for builds. `list` and `validate` answer from the JSON files alone
while nothing has changed, without importing the schema. Invalid content is never cached, so
its problems are always reported in full. A cache that cannot be read or written only costs
the validation it would have saved.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.errors import Problem
from ..core.signatures import Signer, code_files, files_under, meeting_files
from ..core.project import Project
from ..style.search_path import template_search_path

if TYPE_CHECKING:
    from . import schema

log = logging.getLogger(__name__)

THEMES_KEY = "_themes"


def cache_folder(project: Project) -> Path:
    """This project's folder in the user's cache."""
    base = os.environ.get("REPORTGEN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "reportgen")
    root = project.root.resolve()
    return Path(base) / f"{root.name}-{hashlib.sha256(str(root).encode()).hexdigest()[:12]}" / "model"


def _label_files(project: Project) -> list[Path]:
    """The catalogues validation reads: labels (languages), phrases (organs, also a house's) and country names."""
    folders = [sub for folder in template_search_path(project)
               for sub in (folder / "labels", folder / "phrases", folder / "countries", *sorted((folder / "houses").glob("*/phrases")))]
    return [f for folder in folders for f in files_under(folder)]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def summary(doc: schema.MeetingFile) -> dict[str, Any]:
    """What `list` prints of a meeting, and what `validate` warns of."""
    facts = doc.meeting
    venue = facts.venue
    return {"short_title": facts.short_title, "city": venue.city if venue else None, "country": venue.country if venue else None,
            "start": facts.start.isoformat(), "end": facts.end.isoformat() if facts.end else None,
            "warnings": list(doc.warnings)}


class ModelCache:
    """Validated meetings and themes of one project, reused while their inputs are unchanged."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.folder = cache_folder(project)
        self.signer = Signer()
        self._common = [*code_files(), *_label_files(project)]

    def _inputs(self, key: str) -> list[Path]:
        files = [self.project.themes_file] if key == THEMES_KEY else meeting_files(self.project, key)
        return [*files, *self._common]

    def fresh(self, key: str) -> dict[str, Any] | None:
        """The cache entry of `key` (its summary and signatures) if its inputs are unchanged."""
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        recorded = entry.get("inputs", {})
        if entry.get("version") != __version__ or sorted(recorded) != sorted(str(p) for p in self._inputs(key)):
            return None
        return entry if self.signer.unchanged(recorded) else None

    def summaries(self, meeting_ids: Sequence[str]) -> dict[str, dict[str, Any]] | None:
        """Summaries of these meetings if all of them (and the themes) are validated and
        unchanged, else None: the caller validates."""
        if self.project.themes_file.is_file() and self.fresh(THEMES_KEY) is None:
            return None
        found = {}
        for meeting_id in meeting_ids:
            entry = self.fresh(meeting_id)
            if entry is None:
                return None
            found[meeting_id] = entry["summary"]
        return found

    def _load(self, key: str) -> Any:
        if self.fresh(key) is None:
            return None
        try:
            with (self.folder / f"{key}.pickle").open("rb") as fh:
                return pickle.load(fh)
        except Exception as exc:  # damaged, or from other code: validate again
            log.debug("ignoring model cache %s: %s", key, exc)
            return None

    def _store(self, key: str, value: Any, signatures: dict[str, Any], about: dict[str, Any]) -> None:
        entry = {"version": __version__, "inputs": signatures, "summary": about}
        try:  # the model first: a JSON entry promises a readable model beside it
            _write(self.folder / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            _write(self.folder / f"{key}.json", json.dumps(entry, sort_keys=True).encode())
        except OSError as exc:
            log.debug("cannot write model cache %s: %s", key, exc)

    def _cached(self, key: str, compute: Callable[[], tuple[Any, list[Problem]]],
                about: Callable[[Any], dict[str, Any]]) -> tuple[Any, list[Problem]]:
        value = self._load(key)
        if value is not None:
            return value, []
        # Sign before validating: an edit made meanwhile must not be taken as validated.
        signatures = {str(p): Signer().sign(p) for p in self._inputs(key)}
        value, problems = compute()
        if value is not None and not problems:
            self._store(key, value, signatures, about(value))
        return value, problems

    def themes(self) -> tuple[schema.ThemesFile | None, list[Problem]]:
        """content/themes.yaml, validated (None when the project has none)."""
        from .validate import load_themes

        if not self.project.themes_file.is_file():
            return None, []
        return self._cached(THEMES_KEY, lambda: load_themes(self.project), lambda value: {})

    def meeting(self, meeting_id: str, themes: Callable[[], schema.ThemesFile | None]) -> tuple[schema.MeetingFile | None, list[Problem]]:
        """One meeting's validated file, or its problems. `themes` is asked only when the
        meeting has to be validated again."""
        from .validate import check_meeting

        return self._cached(meeting_id, lambda: check_meeting(self.project, meeting_id, themes()), summary)
