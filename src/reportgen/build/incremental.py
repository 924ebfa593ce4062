"""Incremental builds: skip an output whose inputs have not changed since it was written.

Each output file has a stamp in <output root>/.reportgen-cache/ recording what it was made
from: every input file (size, modification time and SHA-256 of its bytes), the options that
shape it, and the reportgen code that wrote it. An output is up to date when it still exists
as written and every input is unchanged. A file whose time changed but whose bytes did not
(`touch`, a checkout) counts as unchanged, so editors that rewrite files on save cost nothing.

This module imports nothing heavy (no pydantic, Jinja or WeasyPrint): a build that has nothing
to do answers from the stamps alone.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.project import Project
from ..style.search_path import template_search_path
from ..core.signatures import InputNames, Signature, Signer, code_files, file_stat, files_under, valid_signatures


log = logging.getLogger(__name__)

CACHE_DIR = ".reportgen-cache"
TEMPLATE_SUFFIX = ".html.j2"
# Where fontconfig keeps its caches: they change whenever fonts are installed or removed, which
# changes what WeasyPrint lays out with.
FONT_CACHES = (Path("/var/cache/fontconfig"), Path.home() / ".cache" / "fontconfig")

STAMP_FORMAT = 2


def template_files(search_path: Iterable[Path]) -> list[Path]:
    """Templates, stylesheet, reference document, label catalogues and fonts of the search path."""
    return [f for folder in search_path for f in files_under(folder)]


def font_files() -> list[Path]:
    return [f for folder in FONT_CACHES if folder.is_dir() for f in files_under(folder)]


# Folders of data every kind may use: label and phrase catalogues, country names.
SHARED_FOLDERS = ("labels", "phrases", "countries")


def used_by(path: Path, folder: Path, kind: str, fmt: str) -> bool:
    """Whether a file of a template folder can change an output of `kind` in format `fmt`:
    the stylesheet both (a DOCX's contents take their page numbers from the PDF layout), the
    reference document only the DOCX, another report kind's own template nothing of this kind
    (shared templates, starting with _, and labels count)."""
    rel = path.relative_to(folder)
    if len(rel.parts) > 2 and rel.parts[0] == "houses":  # a house's own files: any document may use that house
        rel = Path(*rel.parts[2:])
    if len(rel.parts) > 1 and rel.parts[0] not in SHARED_FOLDERS and not kind.startswith(rel.parts[0] + "/"):
        return False  # another family's folder (compare/ for briefs, redline/ for redlines)
    if path.suffix == ".docx":
        return fmt == "docx"
    if path.name.endswith(TEMPLATE_SUFFIX) and not path.name.startswith("_"):
        return rel.as_posix().removesuffix(TEMPLATE_SUFFIX) == kind
    return True


def output_inputs(project: Project, kind: str, fmt: str) -> list[Path]:
    """What an output of report kind `kind` (or "compare/brief") in `fmt` depends on besides
    its content: the reportgen code, the template files it can use, and the fonts (a DOCX's
    contents take their page numbers from the PDF layout, which the fonts shape)."""
    files = [*code_files()]
    for folder in template_search_path(project):
        files += [f for f in files_under(folder) if used_by(f, folder, kind, fmt)]
    files += font_files()
    return files


# The libraries that shape each format. A DOCX's contents take their page numbers from the PDF
# layout of the same HTML (writers.pdf.heading_pages), so WeasyPrint shapes it too.
PDF_PACKAGES = ("weasyprint", "pydyf", "tinycss2")
WRITER_PACKAGES = {"pdf": PDF_PACKAGES, "docx": ("python-docx", "lxml", *PDF_PACKAGES)}


def environment(fmt: str, extra: tuple[str, ...] = ()) -> dict[str, str | None]:
    """What besides files shapes an output: the writing libraries' versions (an upgrade of
    WeasyPrint changes the layout; `extra` names more, e.g. matplotlib for a brief's chart) and
    SOURCE_DATE_EPOCH (the date written into the file), read as it is now."""
    return {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"), **_versions((*WRITER_PACKAGES.get(fmt, ()), *extra))}


@functools.cache
def _versions(packages: tuple[str, ...]) -> dict[str, str | None]:
    """Installed versions, looked up once per run (they do not change while it runs)."""
    from importlib.metadata import PackageNotFoundError, version

    found: dict[str, str | None] = {}
    for package in packages:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = None
    return found


def report_kinds(search_path: Iterable[Path]) -> list[str]:
    """Report kinds as the renderer finds them (top-level <kind>.html.j2, not starting with _),
    read from the folders without starting Jinja."""
    kinds = set()
    for folder in search_path:
        if folder.is_dir():
            kinds.update(p.name.removesuffix(TEMPLATE_SUFFIX) for p in folder.glob("*" + TEMPLATE_SUFFIX) if not p.name.startswith("_"))
    return sorted(kinds)


@dataclass(frozen=True)
class Target:
    """One output file and what it is made from."""

    output: Path
    inputs: tuple[Path, ...]
    options: Mapping[str, Any]


class Stamps:
    """The stamps of the outputs under one output root, for the project in folder `base` (inputs
    named by `InputNames`: a build run in the project folder, one run with --project from elsewhere
    and one run by cluster workers, which get absolute paths, read each other's stamps)."""

    def __init__(self, root: Path, base: Path, signer: Signer | None = None) -> None:
        self.root = root
        self.dir = root / CACHE_DIR
        self.names = InputNames(base)
        self.signer = signer or Signer()

    def _stamp_path(self, output: Path) -> Path:
        try:
            rel = output.relative_to(self.root)
        except ValueError:
            rel = Path(output.name)
        return self.dir / (rel.as_posix().replace("/", "__") + ".json")

    def _read(self, output: Path) -> dict[str, Any] | None:
        """The stamp of `output`, or None when there is none or it is not a stamp of this format
        and reportgen version (damaged, edited or from elsewhere: the output is rebuilt)."""
        try:
            stamp = json.loads(self._stamp_path(output).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not (isinstance(stamp, dict) and stamp.get("format") == STAMP_FORMAT and stamp.get("version") == __version__
                and isinstance(stamp.get("options"), dict) and valid_signatures(stamp.get("inputs"))
                and isinstance(stamp.get("output"), list) and len(stamp["output"]) == 2 and all(type(v) is int for v in stamp["output"])):
            log.debug("ignoring build stamp of %s: not a stamp of this reportgen", output)
            return None
        return stamp

    def recorded_inputs(self, output: Path) -> list[Path]:
        """The inputs the last build of `output` read (e.g. the meetings a brief compared)."""
        stamp = self._read(output)
        return [self.names.path(name) for name in stamp["inputs"]] if stamp else []

    def up_to_date(self, target: Target) -> bool:
        """Whether `target` can be skipped. Signs every input either way, so that a build that
        follows records the inputs as they were before it started (an edit made while building
        makes the next build rebuild)."""
        stamp = self._read(target.output)
        recorded: dict[str, Signature | None] = stamp.get("inputs", {}) if stamp else {}
        names = [self.names.name(path) for path in target.inputs]
        for path, name in zip(target.inputs, names):
            self.signer.sign(path, recorded.get(name))
        if stamp is None or stamp["options"] != _jsonable(target.options):
            return False
        if not set(names) <= set(recorded):
            return False  # a content file added; one removed is found by its signature (None now)
        out_stat = file_stat(target.output)
        if out_stat is None or list(out_stat) != stamp["output"]:
            return False  # deleted or changed by hand
        return self.signer.unchanged(recorded, self.names)

    def record(self, target: Target) -> None:
        """Stamp an output just written. A cache that cannot be written only costs a rebuild."""
        out_stat = file_stat(target.output)
        if out_stat is None:
            return
        stamp = {
            "format": STAMP_FORMAT,
            "version": __version__,
            "options": _jsonable(target.options),
            "inputs": {self.names.name(p): self.signer.sign(p) for p in target.inputs},
            "output": list(out_stat),
        }
        path = self._stamp_path(target.output)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(stamp, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("cannot write build stamp %s: %s", path, exc)

    def forget(self, output: Path) -> None:
        try:
            self._stamp_path(output).unlink(missing_ok=True)
        except OSError as exc:  # the output folder cannot be written at all: the build says so
            log.debug("cannot remove build stamp of %s: %s", output, exc)


def _jsonable(options: Mapping[str, Any]) -> Any:
    return json.loads(json.dumps(dict(options), sort_keys=True, default=str))
