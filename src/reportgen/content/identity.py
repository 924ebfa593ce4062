"""Checks of a document's identity the schema cannot make: its house style exists, the chair's summary
does not take the report's symbol, a translation note names the original language, the logo is an
image inside the project, and `[para:id]` references name numbered sections of the body."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core.errors import did_you_mean
from ..core.loader import KeyPath
from ..core.project import is_inside
from ..style.houses import IMAGE_TYPES, available_houses, load_house
from .traverse import walk

log = logging.getLogger(__name__)


PARA_REF = re.compile(r"\[(paras?):([a-z0-9][a-z0-9-]*)\]")


def references(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The references in texts, as written ('[para:ID]', '[paras:ID]'), with the section id."""
    return [(m.group(0), m.group(2)) for text in texts for m in PARA_REF.finditer(text)]


def document_problems(doc: Any, base_dirs: list[Path], root: Path,
                      nodes: Iterable[tuple[KeyPath, Any]] | None = None) -> list[tuple[tuple[Any, ...], str]]:
    """What the schema cannot see about a document's identity: an unknown house, a translation note
    without an original language, paragraph references to unknown sections or unnumbered paragraphs.
    `nodes`: walk(doc), where the caller has it already."""
    document = doc.document
    problems: list[tuple[tuple[Any, ...], str]] = []
    known = available_houses(base_dirs)
    if document.house not in known:
        problems.append((("document", "house"), f"unknown house style '{document.house}'{did_you_mean(document.house, known)} (available: {', '.join(known)})"))
        return problems
    if document.summary_symbol and document.summary_symbol in {document.symbol, document.full_symbol}:
        problems.append((("document", "summary_symbol"), f"'{document.summary_symbol}' is the report's own symbol: a chair's summary "
                         "is another document, with a symbol of its own or none (leave summary_symbol out)"))
    if document.unofficial_translation and not document.original_language:
        problems.append((("document", "unofficial_translation"), "an unofficial translation needs document.original_language (the language translated from)"))
    if document.logo:
        # Embedded in the document by reportgen itself (as a data: URI), so kept inside the project.
        logo = root / document.logo
        if not is_inside(logo, root) or logo.suffix.lower() not in IMAGE_TYPES:
            problems.append((("document", "logo"), f"expected a PNG or JPEG image inside the project folder, not '{document.logo}'"))
        elif not logo.is_file():
            problems.append((("document", "logo"), f"no image '{document.logo}' in the project folder"))
    body_ids: set[str] = set()
    stack = list(doc.body)
    while stack:
        section = stack.pop()
        body_ids.add(section.id)
        stack.extend(section.sections)
    numbered = load_house(base_dirs, document.house).options_for(document).paragraph_numbers
    for path, node in walk(doc) if nodes is None else nodes:
        if not isinstance(node, str):
            continue
        for written, ident in references([node]):
            if ident not in body_ids:
                problems.append((path, f"{written} names no section of the body{did_you_mean(ident, body_ids)}"))
            elif not numbered:
                problems.append((path, f"{written} refers to a paragraph number, but paragraphs are not numbered (set document.paragraph_numbers: true)"))
    return problems

