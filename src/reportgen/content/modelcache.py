"""The validated model, cached: unchanged content is not parsed and validated again.

A meeting that passed validation is kept in the user's cache folder (~/.cache/reportgen/, or
$XDG_CACHE_HOME/reportgen/, or $REPORTGEN_CACHE_DIR), one folder per project, not in output/:
validating must not create output/ when nothing is built. There `meeting-<id>.json` holds
the signatures of what its validation read (its YAML files, the themes, the label catalogues
that decide the valid languages, the reportgen code) and a summary for `list`;
`meeting-<id>.model.json` holds the validated model for builds (`themes.json`, `themes.model.json`
the same for content/themes.yaml). `list` and `validate` answer from the entries alone while
nothing has changed, without importing the schema. Invalid content is never cached, so its
problems are always reported in full.

The cache holds data only (JSON: a cache restored from elsewhere, e.g. by CI, cannot run code),
and nothing read from it is trusted: an entry of another format or reportgen version, or of the
wrong shape, is discarded, and a model is checked against the schema again as it is read. A cache
that cannot be read or written only costs the validation it would have saved.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.errors import Problem
from ..core.loader import KeyPath, Mark, Marks
from ..core.signatures import InputNames, Signer, code_files, files_under, meeting_files, valid_signatures
from ..core.project import Project, user_cache_dir
from ..style.houses import HOUSES_DIR, house_chain
from ..style.search_path import template_search_path

if TYPE_CHECKING:
    from pydantic import BaseModel

    from . import schema

log = logging.getLogger(__name__)

THEMES_KEY = "themes"
MEETING_PREFIX = "meeting-"
FORMAT = 2  # of the entries: 1 was the pickled model
SUMMARY_KEYS = {"short_title": str, "city": (str, type(None)), "country": (str, type(None)), "start": str, "end": (str, type(None)),
                "warnings": list}


def cache_folder(project: Project) -> Path:
    """This project's folder in the user's cache."""
    root = project.root.resolve()
    return user_cache_dir() / f"{root.name}-{hashlib.sha256(str(root).encode()).hexdigest()[:12]}" / "model"


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
        self.names = InputNames(project.root)  # as the build stamps name inputs

    @functools.cached_property
    def _common(self) -> list[Path]:
        return [*code_files(), *_label_files(self.project)]

    def _inputs(self, key: str) -> list[Path]:
        files = [self.project.themes_file] if key == THEMES_KEY else meeting_files(self.project, key.removeprefix(MEETING_PREFIX))
        return [*files, *self._common]

    def _read(self, path: Path) -> Any:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            log.debug("ignoring model cache %s: %s", path, exc)
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != __version__:
            return None
        return data

    def entry(self, key: str) -> dict[str, Any] | None:
        """The cache entry of `key` (THEMES_KEY or meeting_key(id)) if it has the right shape,
        whether or not its inputs changed since."""
        entry = self._read(self.folder / f"{key}.json")
        if entry is None or not valid_signatures(entry.get("inputs")) or not _valid_summary(key, entry.get("summary")):
            return None
        return entry

    def fresh(self, key: str) -> dict[str, Any] | None:
        """The cache entry of `key` (its summary and signatures) if its inputs are unchanged: every
        file its validation read (those its folder shows, and those it found it had to read:
        included files of any name, the logo, the house's files) is as it was, and no file has
        appeared in the folder since."""
        entry = self.entry(key)
        if entry is None:
            return None
        recorded = entry["inputs"]
        if not {self.names.name(p) for p in self._inputs(key)} <= set(recorded):
            return None
        return entry if self.signer.unchanged(recorded, self.names) else None

    def summaries(self, meeting_ids: Sequence[str]) -> dict[str, dict[str, Any]] | None:
        """Summaries of these meetings if all of them (and the themes) are validated and
        unchanged, else None: the caller validates."""
        if self.project.themes_file.is_file() and self.fresh(THEMES_KEY) is None:
            return None
        found = {}
        for meeting_id in meeting_ids:
            entry = self.fresh(meeting_key(meeting_id))
            if entry is None:
                return None
            found[meeting_id] = entry["summary"]
        return found

    def _load(self, key: str, model: type[BaseModel]) -> Any:
        from pydantic import ValidationError

        entry = self.fresh(key)
        if entry is None:
            return None
        stored = self._read(self.folder / f"{key}.model.json")
        if stored is None:
            return None
        marks = _marks_from(stored.get("marks"))
        try:  # the schema again: data of the wrong shape is never taken for a validated meeting
            value = model.model_validate(stored.get("model"))
        except (ValidationError, RecursionError) as exc:
            log.debug("ignoring model cache %s: %s", key, exc)
            return None
        if "marks" in stored:  # where each value sits in the files (generated sentences name it)
            if marks is None:
                return None
            value._marks = marks
        if "warnings" in entry["summary"]:  # what validation found besides the schema, kept with the summary
            value._warnings = list(entry["summary"]["warnings"])
        return value

    def _store(self, key: str, value: BaseModel, signatures: dict[str, Any], about: dict[str, Any]) -> None:
        head = {"format": FORMAT, "version": __version__}
        try:  # the model first: an entry promises a readable model beside it
            marks = getattr(value, "_marks", None)
            data = {**head, "model": value.model_dump(mode="json", exclude_unset=True), **({"marks": _marks_data(marks)} if marks else {})}
            _write(self.folder / f"{key}.model.json", json.dumps(data).encode())
            _write(self.folder / f"{key}.json", json.dumps({**head, "inputs": signatures, "summary": about}, sort_keys=True).encode())
        except (OSError, ValueError) as exc:
            log.debug("cannot write model cache %s: %s", key, exc)

    def _cached(self, key: str, model: type[BaseModel], compute: Callable[[], tuple[Any, list[Problem]]],
                about: Callable[[Any], dict[str, Any]], reads: Callable[[Any], list[Path]] = lambda value: []) -> tuple[Any, list[Problem]]:
        value = self._load(key, model)
        if value is not None:
            return value, []
        # Sign before validating: an edit made meanwhile must not be taken as validated. One signer
        # for the run: the package's code, the catalogues and a house's files are read once, not once
        # per meeting (signing them again for each of 200 meetings was a tenth of `validate`).
        signatures = {self.names.name(p): self.signer.sign(p) for p in self._inputs(key)}
        value, problems = compute()
        if value is not None and not problems:
            signatures.update({self.names.name(p): self.signer.sign(p) for p in reads(value)})
            self._store(key, value, signatures, about(value))
        return value, problems

    def themes(self) -> tuple[schema.ThemesFile | None, list[Problem]]:
        """content/themes.yaml, validated (None when the project has none)."""
        from .schema import ThemesFile
        from .validate import load_themes

        if not self.project.themes_file.is_file():
            return None, []
        return self._cached(THEMES_KEY, ThemesFile, lambda: load_themes(self.project), lambda value: {})

    def meeting(self, meeting_id: str, themes: Callable[[], schema.ThemesFile | None]) -> tuple[schema.MeetingFile | None, list[Problem]]:
        """One meeting's validated file, or its problems. `themes` is asked only when the
        meeting has to be validated again."""
        from .schema import MeetingFile
        from .validate import check_meeting

        return self._cached(meeting_key(meeting_id), MeetingFile, lambda: check_meeting(self.project, meeting_id, themes()), summary,
                            lambda doc: read_by(self.project, meeting_id, doc))


def read_by(project: Project, meeting_id: str, doc: schema.MeetingFile) -> list[Path]:
    """What validating (and building) a meeting reads besides the YAML files of its folder: the
    files it includes, whatever their names, its logo, and the files of its house style and of
    the houses that one extends, in every templates folder (through symbolic links too)."""
    files = [project.meeting_dir(meeting_id) / name for name in doc.include]
    if doc.document.logo:
        files.append(project.root / doc.document.logo)
    base = template_search_path(project)
    for house in house_chain(base, doc.document.house):
        files += [f for folder in base for f in files_under(folder / HOUSES_DIR / house)]
    return files


def content_inputs(project: Project, meeting_id: str) -> list[Path]:
    """Everything of the project a meeting's documents are made from: its folder's YAML files and
    the themes, and what its last validation found it read (read_by). A file it reads only since an
    edit is found by that edit: the edited file is itself an input. One it read that is gone now is
    left out: the stamps that recorded it see it gone, and a validation since may not read it."""
    cache = ModelCache(project)
    entry = cache.entry(meeting_key(meeting_id))
    recorded = [cache.names.path(p) for p, signature in entry["inputs"].items() if signature is not None] if entry else []
    return list(dict.fromkeys([*meeting_files(project, meeting_id), *(p for p in recorded if p.exists())]))


def _marks_data(marks: Marks) -> dict[str, list[Any]]:
    """Line marks as JSON data: [path, file, line, column] rows, and [path, hint] rows."""
    return {"values": [[list(p), m.file, m.line, m.column] for p, m in marks.values.items()],
            "keys": [[list(p), m.file, m.line, m.column] for p, m in marks.keys.items()],
            "hints": [[list(p), hint] for p, hint in marks.hints.items()]}


def _marks_from(data: Any) -> Marks | None:
    """Line marks read back, or None if `data` is not what _marks_data writes."""
    def path(value: Any) -> KeyPath | None:
        ok = isinstance(value, list) and all(isinstance(k, str) or (type(k) is int) for k in value)
        return tuple(value) if ok else None

    def table(rows: Any) -> dict[KeyPath, Mark] | None:
        if not isinstance(rows, list):
            return None
        found: dict[KeyPath, Mark] = {}
        for row in rows:
            if not (isinstance(row, list) and len(row) == 4 and path(row[0]) is not None and isinstance(row[1], str)
                    and type(row[2]) is int and type(row[3]) is int):
                return None
            found[path(row[0])] = Mark(row[1], row[2], row[3])  # type: ignore[index]
        return found

    if not isinstance(data, dict):
        return None
    values, keys, hints = table(data.get("values")), table(data.get("keys")), data.get("hints")
    if values is None or keys is None or not isinstance(hints, list):
        return None
    if not all(isinstance(row, list) and len(row) == 2 and path(row[0]) is not None and isinstance(row[1], str) for row in hints):
        return None
    return Marks(values, keys, {path(row[0]): row[1] for row in hints})  # type: ignore[misc]


def meeting_key(meeting_id: str) -> str:
    """A meeting's cache entry, named apart from the themes' whatever the meeting folder is called."""
    return MEETING_PREFIX + meeting_id


def _valid_summary(key: str, about: Any) -> bool:
    if key == THEMES_KEY:
        return about == {}
    return (isinstance(about, dict) and set(about) == set(SUMMARY_KEYS)
            and all(isinstance(about[k], kind) for k, kind in SUMMARY_KEYS.items()) and _iso_dates(about["start"], about["end"])
            and all(isinstance(w, str) for w in about["warnings"]))


def _iso_dates(*values: str | None) -> bool:
    try:
        return all(value is None or dt.date.fromisoformat(value) for value in values)
    except ValueError:
        return False
