"""The translation file of a language edition: content/<id>/translations/<lang>.yaml.

    language: es
    texts:
      body.roundtable-3-1.heading:
        # “Empowering migrants, their households and communities …”
        source: 5be1c0a7d2
        text: "«Empoderar a los migrantes …»"

Read with line marks (every problem names file and line), written back in the original's
document order with the first words of the original as a comment above each translation, so
that a translator reading the file sees what each one translates.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import Problem
from ..core.loader import KeyPath, Marks, load_yaml, mapping_problems, problem_at
from ..core.project import Project, is_inside

log = logging.getLogger(__name__)

TRANSLATIONS_FOLDER = "translations"


@dataclass
class Entry:
    """One translation in a language file."""

    key: str
    source: str  # fingerprint of the original it translates
    text: str
    line: int
    column: int


@dataclass
class LanguageFile:
    path: Path
    display: str
    language: str
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def translation_path(project: Project, meeting_id: str, language: str) -> Path:
    return project.meeting_dir(meeting_id) / TRANSLATIONS_FOLDER / f"{language}.yaml"


def editions(project: Project, meeting_id: str) -> list[str]:
    """The languages a meeting has a translation file for."""
    folder = project.meeting_dir(meeting_id) / TRANSLATIONS_FOLDER
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_language_file(project: Project, meeting_id: str, language: str) -> LanguageFile:
    """A meeting's translation file for `language` (empty when there is none), with what is wrong with its shape."""
    path = translation_path(project, meeting_id, language)
    # Named by where it stands in the project, even when it is a link that leads elsewhere.
    display = f"{project.display(path.parent)}/{path.name}"
    result = LanguageFile(path, display, language)
    if not path.is_file():
        return result
    if not is_inside(path, project.root):
        result.problems.append(Problem(display, 1, 1, "", "leads outside the project (through a symbolic link)"))
        return result
    loaded = load_yaml(path, display)
    result.problems += mapping_problems(loaded, display)
    if result.problems:
        return result
    data, marks = loaded.data, loaded.marks
    for key in data:
        if key not in ("language", "texts"):
            result.problems.append(problem_at(marks, (key,), f"unknown key '{key}' (a translation file has language: and texts:)", key=True))
    if data.get("language") != language:
        result.problems.append(problem_at(marks, ("language",), f"expected language: {language} (the file's name), found {data.get('language')!r}",
                                          file=display))
    texts = data.get("texts") or {}
    if not isinstance(texts, dict):
        result.problems.append(problem_at(marks, ("texts",), "expected a mapping of key paths to translations", file=display))
        return result
    for key, value in texts.items():
        if isinstance(value, dict) and isinstance(value.get("source"), int) and not isinstance(value.get("source"), bool):
            value = {**value, "source": str(value["source"]).zfill(10)}  # written without quotes: YAML read a number
        result.problems += _entry_problems(key, value, marks)
        if isinstance(value, dict) and isinstance(value.get("text"), str) and isinstance(value.get("source"), str):
            mark = marks.locate(("texts", key), key=True) or marks.locate(("texts", key))
            line, column = (mark.line, mark.column) if mark else (1, 1)
            result.entries[str(key)] = Entry(str(key), value["source"], value["text"], line, column)
    return result


def _entry_problems(key: Any, value: Any, marks: Marks) -> list[Problem]:
    path: KeyPath = ("texts", key)
    if not isinstance(value, dict):
        return [problem_at(marks, path, "expected source: (the original's fingerprint) and text: (the translation)")]
    problems = [problem_at(marks, (*path, k), f"unknown key '{k}' (expected source and text)", key=True)
                for k in value if k not in ("source", "text")]
    if not isinstance(value.get("source"), str) or not re.fullmatch(r"[0-9a-f]{10}", value.get("source") or ""):
        problems.append(problem_at(marks, (*path, "source"), "expected source: the ten-digit fingerprint of the original text"))
    if not isinstance(value.get("text"), str):
        problems.append(problem_at(marks, (*path, "text"), "expected text: the translation"))
    return problems


def _scalar(text: str, indent: str) -> str:
    """A YAML scalar for `text`: a literal block for paragraphs, else a double-quoted line."""
    lines = text.split("\n")
    if len(lines) > 1 and not text.startswith((" ", "\n")) and all(line == line.rstrip() and "\t" not in line for line in lines) \
            and not text.endswith("\n"):
        return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _comment(text: str, words: int = 12) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def write_language_file(path: Path, language: str, entries: Iterable[tuple[str, str, str, str]], *, title: str) -> None:
    """Write (key, fingerprint, translation, original) entries in the order given, atomically."""
    out = [f"# {title}", "# Each text: the original's first words, its fingerprint (source) and the translation (text).",
           "# Written by reportgen (translate import); edit the texts freely, keep keys and sources.",
           f"language: {language}", "texts:"]
    count = 0
    for key, source, text, original in entries:
        out.append(f"  {key}:")
        if original:
            out.append(f"    # {_comment(original)}")
        out.append(f'    source: "{source}"')  # quoted: ten digits without a letter would read as a number
        out.append(f"    text: {_scalar(text, '      ')}")
        count += 1
    if not count:
        out[-1] = "texts: {}"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(out) + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("wrote %d translations to %s", count, path)
