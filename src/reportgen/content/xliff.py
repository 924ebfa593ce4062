"""XLIFF 1.2 for translators' CAT tools (eLUNa, Trados, memoQ), through translate-toolkit.

`reportgen translate export` writes one unit per text field: the unit id is the field's key path
(translations.py), the source its text with the inline Markdown and footnote references as
protected inline codes (<ph>, which CAT tools show as tags the translator places but cannot
edit), notes saying what the text is and where it stands in the original. Translations already
made travel as targets (state "translated"); stale ones as "needs-review-translation".

`reportgen translate import` reads the targets back into the language file. The codes are put
back from the current original by their ids, not from what the file says, so a tool cannot change
a footnote's id; a unit whose source is not the current original's text is refused.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.storage import xliff as tt_xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables

from ..core.atomic import atomic_target
from ..core.errors import ContentError, Problem, UsageProblem
from .language_files import LanguageFile, load_language_file, translation_path, write_language_file
from ..core.loader import Marks
from .model import load_meetings
from ..core.project import Project, is_inside
from .translations import Status, TextField, edition_status, fingerprint, text_fields
from .validate import load_meeting_files

log = logging.getLogger(__name__)

XLIFF_1_2 = "urn:oasis:names:tc:xliff:document:1.2"

# The inline syntax of text fields (markup.py) a translator must keep: footnote references,
# link targets and the brackets around link text, emphasis, super- and subscript markers,
# backslash escapes and the blank line between paragraphs.
_CODES = re.compile(r"\[\^[^\]\s]+\]|\]\([^)\s]*\)|\[(?=[^\]]*\]\()|\*\*|\*|\^|~|\\.|\n\s*\n")


class Unit12(tt_xliff.xliffunit):
    namespace = XLIFF_1_2


class Xliff12(tt_xliff.xlifffile):
    """translate-toolkit's XLIFF store, written as version 1.2 (what CAT tools expect)."""

    UnitClass = Unit12
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_1_2}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF_1_2


def split_codes(text: str) -> list[str | tuple[str]]:
    """The text as plain pieces and (code,) tuples, in order."""
    out: list[str | tuple[str]] = []
    position = 0
    for match in _CODES.finditer(text):
        if match.start() > position:
            out.append(text[position:match.start()])
        out.append((match.group(0),))
        position = match.end()
    if position < len(text):
        out.append(text[position:])
    return out


def _rich(text: str) -> StringElem:
    parts: list[Any] = []
    number = 0
    for piece in split_codes(text.strip()):
        if isinstance(piece, tuple):
            number += 1
            shown = "¶" if not piece[0].strip() else piece[0]
            parts.append(placeables.Ph(id=str(number), sub=[shown]))
        else:
            parts.append(re.sub(r"\s*\n\s*", " ", piece))  # a line break inside a paragraph is a space
    return StringElem(parts)


def _codes(text: str) -> dict[str, str]:
    """Inline code id -> the code it stands for, as export numbered them."""
    return {str(i): piece[0] for i, piece in enumerate((p for p in split_codes(text) if isinstance(p, tuple)), start=1)}


def _flatten(elem: Any, codes: dict[str, str] | None) -> str:
    """A rich string as text: codes by their id from `codes` (the original), else their own content."""
    out: list[str] = []
    for leaf in elem.flatten():
        ident = getattr(leaf, "id", None)
        if ident is not None and not isinstance(leaf, str) and type(leaf) is not StringElem:
            if codes is not None and str(ident) in codes:
                out.append(codes[str(ident)])
            else:
                content = "".join(str(s) for s in getattr(leaf, "sub", []))
                out.append("\n\n" if content == "¶" else content)
        else:
            out.append(str(leaf))
    return "".join(out)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


# --------------------------------------------------------------------------- export


def export(fields: list[TextField], status: Status, language_file: LanguageFile, *, meeting_id: str, source_language: str,
           marks: Marks) -> bytes:
    """The XLIFF document of an edition: every text field, with the translations there are."""
    store = Xliff12(sourcelanguage=source_language, targetlanguage=language_file.language)
    store.setfilename(store.getfilenode("NoName"), meeting_id)
    stale = {f.key: entry for entry, f in status.stale} | {f.key: entry for entry, f, _ in status.unfaithful}
    for f in fields:
        unit = store.UnitClass("")
        store.addunit(unit)
        unit.rich_source = [_rich(f.source)]
        unit.setid(f.key)
        mark = marks.locate(f.path)
        where = f" ({mark.file}:{mark.line})" if mark else ""
        unit.addnote(f"{f.context}{where}; key path {f.key}", origin="developer")
        unit.addnote(f"fingerprint {fingerprint(f.source)}", origin="reportgen")
        entry = status.translated.get(f.key) or stale.get(f.key)
        if entry is not None:
            unit.rich_target = [_rich(entry.text)]
            unit.xmlelement.find(unit.namespaced("target")).set("state", "translated" if f.key in status.translated else "needs-review-translation")
    return bytes(store)


# --------------------------------------------------------------------------- import


@dataclass
class Imported:
    meeting_id: str
    language: str
    written: int
    refused: list[Problem]
    path: Path


def read_xliff(path: Path, display: str) -> Xliff12:
    """The XLIFF file, refused when it declares a document type: XLIFF needs none, and its entities
    could pull other files of the machine (or a billion copies of a word) into a translation."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageProblem(f"cannot read {display}: {exc.strerror or exc}") from exc
    doctype = re.search(rb"<!DOCTYPE", data)
    if doctype:
        line = data.count(b"\n", 0, doctype.start()) + 1
        raise ContentError([Problem(display, line, 1, "", "a document type declaration (<!DOCTYPE …>) is not allowed in an XLIFF file")])
    try:
        return Xliff12.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit raise several kinds for a file that is not XLIFF
        raise ContentError([Problem(display, getattr(exc, "lineno", 1) or 1, 1, "", f"not an XLIFF 1.x file ({exc})")]) from exc


def import_units(project: Project, store: Xliff12, display: str, fields_of: Any) -> Imported:
    """Write the targets of an XLIFF file into its meeting's language file. `fields_of(meeting_id)`
    gives the meeting's current text fields. Units whose source is not the original's text any
    more are refused (and listed); the others are written."""
    file_node = store.document.getroot().find(store.namespaced("file"))
    meeting_id = file_node.get("original") if file_node is not None else None
    language = file_node.get("target-language") if file_node is not None else None
    if not meeting_id or meeting_id not in project.meeting_ids():
        raise UsageProblem(f"{display}: the file's original='{meeting_id}' is not a meeting of this project "
                           f"(export it with `reportgen translate export`)")
    if not language or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)?", language):
        raise UsageProblem(f"{display}: no target-language on its <file> element")
    fields = {f.key: f for f in fields_of(meeting_id)}
    language_file = load_language_file(project, meeting_id, language)
    if language_file.problems:
        raise ContentError(language_file.problems)
    texts = {key: (entry.source, entry.text) for key, entry in language_file.entries.items()}
    refused: list[Problem] = []
    written = 0
    for unit in store.unit_iter():
        key = unit.xmlelement.get("id") or ""
        line = unit.xmlelement.sourceline or 1
        try:
            target = unit.rich_target
            target_text = _flatten(target[0], None) if target else ""
            source_text = _flatten(unit.rich_source[0], None) if unit.rich_source else ""
        except Exception as exc:  # markup translate-toolkit cannot read: that unit only is refused
            refused.append(Problem(display, line, 1, key, f"cannot be read ({type(exc).__name__}: {exc})"))
            continue
        if not target_text.strip():
            continue  # not translated yet
        field = fields.get(key)
        if field is None:
            refused.append(Problem(display, line, 1, key, "no such text in the original any more; export again"))
            continue
        if not _same(source_text, field.source):
            refused.append(Problem(display, line, 1, key, "the original changed since this file was exported; export again and translate the new text"))
            continue
        texts[key] = (fingerprint(field.source), _flatten(target[0], _codes(field.source)))
        written += 1
    ordered = [(k, *texts[k], fields[k].source) for k in fields if k in texts]
    ordered += [(k, s, t, "") for k, (s, t) in texts.items() if k not in fields]
    path = translation_path(project, meeting_id, language)
    if not is_inside(path.parent if path.parent.exists() else project.meeting_dir(meeting_id), project.root):
        raise UsageProblem(f"{project.display(path)} leads outside the project")
    write_language_file(path, language, ordered, title=f"{language} edition of {meeting_id}")
    return Imported(meeting_id, language, written, refused, path)


def export_meeting(project: Project, meeting_id: str, language: str) -> bytes:
    """The XLIFF file of the `language` edition of a meeting, for translators."""
    original = load_meetings(project, [meeting_id])[meeting_id]
    if language == original.document.language:
        raise UsageProblem(f"{meeting_id} is written in '{language}': export a language to translate it into")
    language_file = load_language_file(project, meeting_id, language)
    if language_file.problems:
        raise ContentError(language_file.problems)
    fields = text_fields(original.doc)
    status = edition_status(fields, language_file)
    return export(fields, status, language_file, meeting_id=meeting_id, source_language=original.document.language,
                  marks=load_meeting_files(project, meeting_id)[1])


def import_file(project: Project, path: Path, display: str) -> Imported:
    """Read a translated XLIFF file back into its meeting's language file."""
    store = read_xliff(path, display)
    return import_units(project, store, display, lambda meeting_id: text_fields(load_meetings(project, [meeting_id])[meeting_id].doc))


def write_export(project: Project, meeting_id: str, language: str, target: Path | None) -> Path:
    """Write the XLIFF file of an edition (default output/<id>/<id>-<lang>.xlf) atomically."""
    data = export_meeting(project, meeting_id, language)
    target = target or project.output_dir / meeting_id / f"{meeting_id}-{language}.xlf"
    with atomic_target(target) as tmp:
        tmp.write_bytes(data)
    return target


def refused_error(done: Imported) -> ContentError:
    """The units an import refused, one line each, then what happened to the others."""
    error = ContentError(done.refused)
    error.message = "\n".join([*(str(p) for p in error.problems), f"{len(done.refused)} unit(s) refused; the others were imported."])
    return error
