"""Read the text back from built documents and say which characters of the content are missing.

Characters are compared as multisets (NFKC, whitespace removed): a PDF breaks long words over
lines and pages and interleaves running headers, so order cannot be compared, but a word cut at
the margin or a cell clipped off the page shows up as missing characters."""

from __future__ import annotations

import subprocess
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from reportgen.content import schema
from reportgen.render.markup import paragraphs, plain
from reportgen.content.traverse import walk

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


TYPED_QUOTES = str.maketrans("‘’“”«»‹›", "''\"\"\"\"''")


def normal(text: str) -> str:
    """Visible characters only: NFKC, without whitespace and without format characters (soft
    hyphens, joiners, bidirectional controls), which steer the layout but draw no glyph; quotation
    marks and apostrophes as typed (the typographer sets the language's own, render/markup.py)."""
    text = "".join(unicodedata.normalize("NFKC", text).split()).translate(TYPED_QUOTES)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def docx_text(path: Path) -> str:
    """Text of the body, footnotes and headers of a DOCX (every w:t, in document order; Word's
    non-breaking hyphen, w:noBreakHyphen, is a hyphen)."""
    out = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml") and ("document" in name or "footnotes" in name or "header" in name):
                root = etree.fromstring(package.read(name))
                out.append("".join(t.text or "" if t.tag == f"{W}t" else "-" for t in root.iter(f"{W}t", f"{W}noBreakHyphen")))
    return "\n".join(out)


def missing(expected: Iterable[str], actual: str) -> Counter[str]:
    """The characters of `expected` that `actual` does not hold (as many times as they occur)."""
    want = Counter(normal("".join(expected)))
    want.subtract(Counter(normal(actual)))
    return +want


# Fields whose text the rapporteur's report prints as written (not upper-cased, not abbreviated).
_BODY_FIELDS = {"paragraph", "text", "floor_debate"}


def body_texts(doc: schema.MeetingFile) -> list[str]:
    """The plain text of every paragraph, list item, table cell and footnote of a meeting's body."""
    texts: list[str] = list(doc.footnotes.values())
    for path, node in walk(doc.body):
        if not isinstance(node, str) or len(path) < 2 or "amounts" in path:
            continue
        last, parent = path[-1], path[-2]
        if (isinstance(last, int) and parent in ("blocks", "more", "columns")) or last in _BODY_FIELDS:
            texts.append(node)
    return [plain(p) for t in texts for p in paragraphs(t)]
