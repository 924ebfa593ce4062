"""Parity of the PDF and the Word file, measured: the DOCX as LibreOffice lays it out against the PDF.

Compared: the page count; the page of every heading; the words each page begins with (the same
page breaks); and the position of every text line of page 1 (the masthead, the title block, the
first paragraphs), within TOLERANCE_MM. Body text may break its lines differently in the two
layout engines; page 1 and the page breaks may not.

Every language: a right-to-left page (Arabic) is read in its logical order (pdftotext gives words
and letters in visual order, left to right), and a line's position is where it starts, at its
right edge; Chinese, which has no spaces, counts each ideograph as a word, so "the first words" of
a page and of a line are as short in Chinese as in English.

Usable from tests and by hand:
    python tests/parity.py DOCUMENT.pdf LAID-OUT-DOCX.pdf [NAME]
prints one readable line per difference ("hld2013 p.1: 'Distr.' at x=142 mm in PDF, 134 mm in Word").
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from pypdf import PdfReader

TOLERANCE_MM = 2.0
PT_PER_MM = 72 / 25.4
FIRST_WORDS = 4  # words compared at the start of each page
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_LINE = re.compile(r"<line [^>]*>(.*?)</line>", re.S)
_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)


# letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms)
_RTL_LANGUAGES = {"ar", "fa", "he", "ur"}  # languages written right to left (their /Lang's first part)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# characters written without spaces between words: CJK ideographs, kana, Hangul, full-width punctuation
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_TOKEN = re.compile(f"{_CJK.pattern}|(?:(?!{_CJK.pattern})\\S)+")


@dataclass(frozen=True)
class Line:
    x: float  # mm from the left edge of the page to where the line starts (its right edge in a right-to-left page)
    y: float  # mm from the top of the page to the top of the line
    words: tuple[str, ...]  # in reading order; an ideograph is a word of its own
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # left, top, right, bottom, in mm
    baseline: float | None = None  # mm from the top of the page, where known (page 1: baselines())

    @property
    def text(self) -> str:
        return re.sub(f"(?<={_CJK.pattern}) (?={_CJK.pattern})", "", " ".join(self.words))


def pages(pdf: Path, rtl: bool | None = None) -> list[list[Line]]:
    """Every page's lines (pdftotext -bbox-layout), in reading order. `rtl`: the page is read
    right to left (None: when the document's language is written right to left)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = [[_WORD.findall(body) for body in _LINE.findall(page)] for page in _PAGE.findall(xml)]
    if rtl is None:
        rtl = written_rtl(pdf)
    out = []
    for page in found:
        lines = []
        for words in filter(None, page):
            texts = [_unescape(w[4]) for w in words]
            if rtl:  # visual order -> logical: the words from the right, each right-to-left word's letters reversed
                texts = [text[::-1] if _RTL.search(text) else text for text in reversed(texts)]
            x = max(float(w[2]) for w in words) if rtl else float(words[0][0])
            box = (float(words[0][0]), min(float(w[1]) for w in words), max(float(w[2]) for w in words), max(float(w[3]) for w in words))
            lines.append(Line(x / PT_PER_MM, float(words[0][1]) / PT_PER_MM, tuple(t for text in texts for t in _TOKEN.findall(text)),
                              tuple(v / PT_PER_MM for v in box)))
        out.append(_with_markers(lines, rtl))
    return out


_MARKERS = {("–",), ("•",), ("-",)}  # a list item's marker, alone


def _with_markers(lines: list[Line], rtl: bool) -> list[Line]:
    """A list item's marker ("–") that pdftotext gives as a line of its own joins its line, as it
    does when the gap to the text is narrower (LibreOffice's right-to-left markers stand 2.7 mm from
    the text, WeasyPrint's 2 mm: the one would be read as a line, the other inside it)."""
    markers = [line for line in lines if line.words in _MARKERS]
    out = list(lines)
    for marker in markers:
        beside = [line for line in out if line.words not in _MARKERS and abs(line.box[1] - marker.box[1]) < 1
                  and (line.box[2] <= marker.box[0] if rtl else line.box[0] >= marker.box[2])]
        if not beside:
            continue
        line = min(beside, key=lambda other: abs(other.x - marker.x))
        out.remove(marker)
        out[out.index(line)] = replace(line, x=marker.x, words=marker.words + line.words,
                                       box=(min(line.box[0], marker.box[0]), line.box[1], max(line.box[2], marker.box[2]), line.box[3]))
    return out


def written_rtl(pdf: Path) -> bool:
    """Whether the document's language (the PDF's /Lang, which WeasyPrint and LibreOffice both
    write) is written right to left. Not the script of most lines: an Arabic brief quotes meetings
    held in English, and its lines are set right to left all the same."""
    language = str(PdfReader(str(pdf)).trailer["/Root"].get("/Lang", "")).split("-")[0].lower()
    return language in _RTL_LANGUAGES


def baselines(pdf: Path, lines: list[Line], page: int = 0) -> list[Line]:
    """The lines of a page with their baselines, from where the PDF draws its text (pypdf): the
    lowest drawn in the line's box (a footnote mark is drawn higher).

    pdftotext places a word's top at its font's ascent above the baseline, as the font
    descriptor gives it; LibreOffice writes an ascent of 0 for the OpenType CJK fonts (Noto Serif
    CJK), and pdftotext then takes 0.95 em where WeasyPrint's descriptor says 1.151 em: Chinese
    lines would seem 0.2 em lower in Word than they are. Baselines do not depend on it."""
    reader = PdfReader(str(pdf))
    height = float(reader.pages[page].mediabox.height)
    drawn: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            drawn.append(((tm[4] * cm[0] + tm[5] * cm[2] + cm[4]) / PT_PER_MM, (height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])) / PT_PER_MM))

    reader.pages[page].extract_text(visitor_text=visit)
    out = []
    for line in lines:
        left, top, right, bottom = line.box
        inside = [y for x, y in drawn if top - 0.1 <= y <= bottom + 0.1 and left - 1 <= x <= right + 1]
        out.append(replace(line, baseline=max(inside)) if inside else line)
    return out


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")


def _furniture(doc: list[list[Line]]) -> set[str]:
    """Running heads and feet: lines (digits aside) that recur on several pages, and page numbers."""
    seen: Counter[str] = Counter()
    for page in doc:
        seen.update({re.sub(r"\d+", "#", line.text) for line in page})
    return {text for text, n in seen.items() if (n >= 3 and len(doc) > 3) or re.fullmatch(r"[#\W]*", text)}


def _body_words(doc: list[list[Line]], rtl: bool) -> list[list[str]]:
    furniture = _furniture(doc)
    return [[w for line in sorted(page, key=lambda l: (round(l.y), -l.x if rtl else l.x)) if re.sub(r"\d+", "#", line.text) not in furniture
             for w in line.words] for page in doc]


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).upper()


def _without(doc: list[list[Line]], pictured: set[str]) -> list[list[Line]]:
    """The lines that are not all words of a picture's text (a chart's labels are text in the PDF's
    SVG and pixels in Word's picture): left out of both documents. (A chart's right-to-left words
    come out of WeasyPrint's SVG in the order they are written, which reading the page right to left
    reverses: either order counts.)"""
    return [[line for line in page if not all(word in pictured or word[::-1] in pictured for word in line.words)] for page in doc]


def compare(pdf: Path, word: Path, name: str, headings: list[str] = (), pictured: set[str] = frozenset()) -> list[str]:
    """Readable differences between the PDF and the Word file laid out by LibreOffice (`word`);
    `pictured`: the words of text drawn inside pictures, not compared."""
    rtl = written_rtl(pdf)
    a, b = _without(pages(pdf, rtl), set(pictured)), _without(pages(word, rtl), set(pictured))
    problems = []
    if len(a) != len(b):
        problems.append(f"{name}: {len(a)} pages in PDF, {len(b)} in Word")
    # the same page breaks: each page begins with the same words
    for number, (x, y) in enumerate(zip(_body_words(a, rtl), _body_words(b, rtl)), start=1):
        if number == 1:  # page 1 is compared line by line below
            continue
        # A line may break a word or two apart in the two engines; a page may not break elsewhere.
        first, second = _squeeze(" ".join(x[:FIRST_WORDS])), _squeeze(" ".join(y[:FIRST_WORDS]))
        if first[:12] not in _squeeze(" ".join(y[:FIRST_WORDS + 8])) and second[:12] not in _squeeze(" ".join(x[:FIRST_WORDS + 8])):
            problems.append(f"{name} p.{number}: begins '{' '.join(x[:FIRST_WORDS])}' in PDF, '{' '.join(y[:FIRST_WORDS])}' in Word")
            break  # the pages after follow from the first break that differs
    # the page of every heading
    for heading in headings:
        probe = _squeeze(heading)[:50]
        at = [next((i + 1 for i, page in enumerate(doc) if probe in _squeeze(" ".join(l.text for l in page))), None) for doc in (a, b)]
        if at[0] is None:  # not measured (a script read in the wrong order would pass unseen)
            problems.append(f"{name}: heading '{heading[:50]}' not found in the PDF's text")
        elif at[0] != at[1]:
            problems.append(f"{name}: heading '{heading[:50]}' on page {at[0]} in PDF, {at[1]} in Word")
    # the position of every line of page 1 that both have (matched by its text)
    if a and b:
        problems += _page_one(baselines(pdf, a[0]), baselines(word, b[0]), name)
    return problems


def _page_one(a: list[Line], b: list[Line], name: str) -> list[str]:
    out = []
    unmatched = list(b)
    for line in a:
        key = _squeeze(line.text)
        nearest = sorted(unmatched, key=lambda other: abs(other.y - line.y) + abs(other.x - line.x))  # the same text twice: the closer
        match = next((other for other in nearest if _squeeze(other.text) == key), None)
        if match is None:  # broken differently: compare where the line starts, by its first words
            match = next((other for other in nearest if other.words[:3] == line.words[:3] and len(line.words) >= 3), None)
        if match is None:
            continue
        unmatched.remove(match)
        label = line.text if len(line.text) <= 40 else line.text[:37] + "…"
        if abs(line.x - match.x) > TOLERANCE_MM:
            out.append(f"{name} p.1: '{label}' at x={line.x:.0f} mm in PDF, {match.x:.0f} mm in Word")
        # baselines where both are known (the tops of CJK lines depend on the font descriptor: baselines())
        y, other = (line.baseline, match.baseline) if line.baseline is not None and match.baseline is not None else (line.y, match.y)
        if abs(y - other) > TOLERANCE_MM:
            out.append(f"{name} p.1: '{label}' at y={y:.0f} mm in PDF, {other:.0f} mm in Word")
    return out


if __name__ == "__main__":
    for difference in compare(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else Path(sys.argv[1]).stem):
        print(difference)
