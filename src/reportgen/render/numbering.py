"""UN paragraph numbering and references to numbered paragraphs, done on the rendered HTML.

When the body (<section class="part" data-numbering="paragraphs">) asks for it, every body
paragraph (<p class="para"> outside lists and tables; annexes are not numbered) gets
data-number 1, 2, 3 … running across sections, and so does every item of a list of decisions
(<ol data-kind="decisions">: its start is set to the next number). Lines that are not paragraphs
of the text (a credits line, a "Statement by …" line: data-numbered="no") take no number, and a
list numbered "1." that is not decisions is lettered instead (data-sub-style of the part, "(a)"),
so that no number is printed twice. Each heading's paragraphs (up to the next
heading of the same or a higher level) become its range, shown in the contents' Paragraphs
column (data-paras on the contents link). Text may refer to a section's paragraphs:
[para:ID] is the number of the section's first paragraph, [paras:ID] its range ("3–7").
Both writers read the result, so the numbers are the same in PDF and DOCX.
"""

from __future__ import annotations

from collections.abc import Callable

import logging
import re
from pathlib import Path

import lxml.html

from .contract import parse
from ..core.errors import ContentError, Problem
from ..core.project import Project
from ..content.identity import PARA_REF


log = logging.getLogger(__name__)

Ranges = dict[str, tuple[int, int]]


def number_paragraphs(html: str) -> tuple[str, Ranges]:
    """Number the body's paragraphs if the body asks for it; returns the HTML and each heading's range."""
    if 'data-numbering="paragraphs"' not in html:
        return html, {}
    root = parse(html)
    ranges: Ranges = {}
    open_heads: list[tuple[int, str]] = []  # (level, id) of headings whose range is still growing
    count = 0
    for part in root.iter("section"):
        if part.get("data-numbering") != "paragraphs":
            continue
        for el in part.iter("p", "ol", "h1", "h2", "h3", "h4"):
            if el.tag == "ol":
                count = _number_list(el, part, count, ranges, open_heads)
                continue
            if el.tag.startswith("h"):
                level = int(el.tag[1])
                open_heads = [(lv, i) for lv, i in open_heads if lv < level]
                if el.get("id"):
                    open_heads.append((level, el.get("id")))
                continue
            if "para" not in (el.get("class") or "").split() or _in_list_or_table(el, part) or el.get("data-numbered") == "no":
                continue
            count += 1
            el.set("data-number", str(count))
            for _, ident in open_heads:
                first, _last = ranges.get(ident, (count, count))
                ranges[ident] = (first, count)
    for link in root.iter("a"):
        target = (link.get("href") or "")[1:]
        if link.get("href", "").startswith("#") and target in ranges and _in_contents(link):
            link.set("data-paras", span(ranges[target]))
    log.info("numbered %d paragraphs", count)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"), ranges


def _number_list(ol: object, part: object, count: int, ranges: Ranges, open_heads: list[tuple[int, str]]) -> int:
    """A list of decisions continues the paragraph numbers; another list numbered like paragraphs is lettered."""
    if _in_list_or_table(ol, part):
        return count
    if ol.get("data-kind") != "decisions":  # type: ignore[attr-defined]
        if ol.get("data-style") == "1.":  # type: ignore[attr-defined]
            ol.set("data-style", part.get("data-sub-style") or "(a)")  # type: ignore[attr-defined]
        return count
    ol.set("start", str(count + 1))  # type: ignore[attr-defined]
    ol.set("data-style", "1.")  # type: ignore[attr-defined]
    for li in ol.iterchildren("li"):  # type: ignore[attr-defined]
        count += 1
        li.set("data-number", str(count))
        for _, ident in open_heads:
            first, _last = ranges.get(ident, (count, count))
            ranges[ident] = (first, count)
    return count


def span(limits: tuple[int, int]) -> str:
    first, last = limits
    return str(first) if first == last else f"{first}–{last}"


def resolve_references(html: str, ranges: Ranges) -> str:
    """Fill in [para:ID] and [paras:ID] (validation has checked the ids exist)."""
    if "[para" not in html:
        return html

    def fill(match: re.Match[str]) -> str:
        kind, ident = match.groups()
        if ident not in ranges:
            return match.group(0)
        return str(ranges[ident][0]) if kind == "para" else span(ranges[ident])

    return PARA_REF.sub(fill, html)


def _in_list_or_table(el: object, stop: object) -> bool:
    node = el.getparent()  # type: ignore[attr-defined]
    while node is not None and node is not stop:
        if node.tag in {"li", "td", "th"}:
            return True
        node = node.getparent()
    return False


def _in_contents(el: object) -> bool:
    node = el.getparent()  # type: ignore[attr-defined]
    while node is not None:
        if node.tag == "nav":
            return True
        node = node.getparent()
    return False


def number_documents(project: Project, meeting_id: str, htmls: list[str],
                     record: Callable[[], list[str]] | None = None) -> list[str]:
    """Number the paragraphs of each rendered kind that asks for it, then fill in references; a
    kind without numbers of its own (a chair's summary) refers to the numbers of the full record.
    When no kind given has numbers, `record` renders the kinds not given (a chair's summary built
    alone), which are numbered for their numbers only.

    A reference to a section without numbered paragraphs (only a list, say) cannot be filled in:
    it is reported where it is written, before anything is built."""
    numbered = [number_paragraphs(html) for html in htmls]
    shared = next((ranges for _, ranges in numbered if ranges), {})
    if not shared and record is not None and any(PARA_REF.search(html) for html, _ in numbered):
        shared = next((ranges for _, ranges in map(number_paragraphs, record()) if ranges), {})
    done = [resolve_references(html, ranges or shared) for html, ranges in numbered]
    left = sorted({m.group(0) for html in done for m in PARA_REF.finditer(html)})
    problems = []
    for ref in left:
        file, line, column = _locate(project.meeting_dir(meeting_id), ref)
        problems.append(Problem(project.display(file), line, column, "", f"{ref}: that section has no numbered paragraph to refer to"))
    if problems:
        raise ContentError(problems)
    return done


def _locate(folder: Path, text: str) -> tuple[Path, int, int]:
    """The first place `text` is written in a meeting's files (file, line, column)."""
    for path in sorted(folder.glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text in line:
                return path, number, line.index(text) + 1
    return folder / "meeting.yaml", 1, 1
