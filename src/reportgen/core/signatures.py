"""File signatures: which files make up a meeting or the package, and whether they changed.

A signature is [size, mtime_ns, sha256]; a file whose time changed but whose bytes did not counts as
unchanged. Used by the build stamps (build/incremental.py) and the model cache (content/modelcache.py),
so it lives below both. Imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .project import Project

log = logging.getLogger(__name__)


CONTENT_SUFFIXES = (".yaml", ".yml")


Signature = list[Any]  # [size, mtime_ns, sha256]


def file_stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """Every file below `folder` (optionally only these suffixes), sorted; hidden ones skipped.
    Folders reached through symbolic links are walked too (a house folder linked in from elsewhere
    is read by the build, so its files are inputs), each real folder once."""
    found = []
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:  # a link back up the tree
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or (suffixes and not name.endswith(suffixes)):
                continue
            found.append(Path(dirpath) / name)
    return sorted(found)


def code_files() -> list[Path]:
    """The reportgen package itself: its version alone misses edits in a source checkout."""
    return files_under(Path(__file__).parents[1], (".py",))


def meeting_files(project: Project, meeting_id: str) -> list[Path]:
    """A meeting's content as its folder shows it: every YAML file of its folder, and the themes
    every meeting uses. What else its validation read (included files of any name, the logo, the
    house's files) is recorded with the validated model: content/modelcache.content_inputs."""
    return [*files_under(project.meeting_dir(meeting_id), CONTENT_SUFFIXES), project.themes_file]


def _is_signature(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 3 and all(type(v) is int for v in value[:2])
            and isinstance(value[2], str) and len(value[2]) == 64)


def valid_signatures(recorded: Any) -> bool:
    """Whether data read from a cache has the shape of recorded signatures ({path: signature or
    null}): anything else is discarded, never trusted."""
    return isinstance(recorded, dict) and all(isinstance(k, str) and (v is None or _is_signature(v)) for k, v in recorded.items())


class InputNames:
    """How build stamps and model-cache entries name their input files: one inside the project
    folder `base` by its path relative to that folder, any other (the package's code and templates,
    font caches) by its absolute path. So records written by a build run in the project folder,
    by one run from elsewhere with --project and by cluster workers (given absolute paths) agree."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self._prefix = os.path.join(os.path.abspath(base), "")  # with its final separator
        self._names: dict[Path, str] = {}  # the same inputs recur in every record: each named once
        self._paths: dict[str, Path] = {}

    def name(self, path: Path) -> str:
        found = self._names.get(path)
        if found is None:
            full = os.path.abspath(path)
            found = self._names[path] = Path(full[len(self._prefix):] if full.startswith(self._prefix) else full).as_posix()
        return found

    def path(self, name: str) -> Path:
        """The file a record names, spelled as this run spells the project's paths."""
        found = self._paths.get(name)
        if found is None:
            found = self._paths[name] = Path(name) if os.path.isabs(name) else self.base / name
        return found


class Signer:
    """File signatures, each file read at most once per run; a stamp's recorded hash is
    trusted while size and time are unchanged."""

    def __init__(self) -> None:
        self._done: dict[Path, Signature | None] = {}

    def sign(self, path: Path, known: Signature | None = None) -> Signature | None:
        if path in self._done:
            return self._done[path]
        stat = file_stat(path)
        if stat is None:
            sig = None
        elif known is not None and list(stat) == known[:2]:
            sig = known
        else:
            sig = [*stat, _sha256(path)]
        self._done[path] = sig
        return sig

    def unchanged(self, recorded: Mapping[str, Signature | None], names: InputNames | None = None) -> bool:
        """Whether every recorded file still has its recorded bytes (`names`: how the record names files)."""
        for name, known in recorded.items():
            sig = self.sign(names.path(name) if names is not None else Path(name), known)
            if (sig is None) != (known is None) or (sig is not None and known is not None and sig[2] != known[2]):
                return False
        return True
