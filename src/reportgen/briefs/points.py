"""Points of a saved brief: what each meeting said on the same question, one row per point.

A point (content/briefs/<name>.yaml, `points:`) is a short statement of a question and the items
of each meeting that address it, each marked stating, supporting, qualifying or contrasting. Here
the references are resolved against the meetings (every problem reported at its file:line) and
the rows of the side-by-side page are built: the point, then per meeting its items, or nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Meeting
from ..core.errors import Problem, did_you_mean
from ..core.loader import problem_at
from ..render.markup import plain
from .items import ItemRef, compared_items, home_theme, reference_index
from .saved import Point, SavedBrief
from .suggest import Suggestion, suggest
from .vocabulary import ignored_phrases

log = logging.getLogger(__name__)

AGREEING = ("stating", "supporting", "qualifying")
"""Roles that say the point (a qualifying item says it with a condition or a limit)."""
SUGGESTED_WORDS = 1500
"""Words of the points suggested on the fly that a brief prints at most (each point's wording and its
items' gists, lead-ins and references): with page 1, the chart and its table, a brief read in ten
minutes (2,500 words at most). Points are taken in order (those joining most meetings first, then
the most similar) while they fit, the first always; the others' items are in the annex by theme."""


@dataclass(frozen=True)
class Entry:
    """One item in a point's row, and how it addresses the point."""

    ref: ItemRef
    role: str
    score: float | None = None


@dataclass
class Row:
    """One point: its statement, then per compared meeting (in the brief's column order) its entries."""

    point: str
    cells: list[list[Entry]]
    meetings: list[str]
    """Ids of the meetings, in column order."""

    def saying(self) -> list[str]:
        """The meetings with an item that states, supports or qualifies the point."""
        return [m for m, cell in zip(self.meetings, self.cells) if any(e.role in AGREEING for e in cell)]

    def contrasting(self) -> list[tuple[str, list[Entry]]]:
        """The meetings with an item that contrasts with the point, and those items."""
        out = []
        for m, cell in zip(self.meetings, self.cells):
            found = [e for e in cell if e.role == "contrasting"]
            if found:
                out.append((m, found))
        return out

    def addressed(self) -> list[str]:
        return [m for m, cell in zip(self.meetings, self.cells) if cell]

    def entries(self, meeting: str) -> list[Entry]:
        return self.cells[self.meetings.index(meeting)]

    def references(self) -> list[str]:
        return [e.ref.reference for cell in self.cells for e in cell]


def split_reference(reference: str) -> tuple[str, str]:
    """'hld2013, H, (ii)' -> ('hld2013', 'H, (ii)')."""
    meeting, _, rest = reference.partition(",")
    return meeting.strip(), rest.strip()


def _normal(reference: str) -> str:
    return ", ".join(part.strip() for part in reference.split(","))


def resolve(saved: SavedBrief, key: str, points: Sequence[Point], meetings: Mapping[str, Meeting],
            indexes: dict[str, dict[str, ItemRef]] | None = None) -> tuple[list[tuple[Point, list[tuple[ItemRef, int]]]], list[Problem]]:
    """Each point's items as ItemRefs (with their position in the point), and a Problem for every
    reference that names a meeting the brief does not compare, or no item of it, or one twice."""
    indexes = indexes if indexes is not None else {}
    problems: list[Problem] = []
    resolved = []
    for p, point in enumerate(points):
        refs: list[tuple[ItemRef, int]] = []
        seen: set[str] = set()
        for i, entry in enumerate(point.items):
            where = (key, p, "items", i, "item")
            meeting_id, rest = split_reference(entry.item)
            if meeting_id not in meetings:
                problems.append(problem_at(saved.marks, where, f"'{entry.item}': meeting '{meeting_id}' is not one the brief compares"
                                           f"{did_you_mean(meeting_id, meetings)}; meetings: {', '.join(meetings)}"))
                continue
            index = indexes.setdefault(meeting_id, reference_index(meetings[meeting_id]))
            reference = _normal(entry.item)
            if reference not in index:
                known = [r for r in index if r.startswith(f"{meeting_id}, ")]
                hint = did_you_mean(reference, known) or (f"; write the reference as a brief prints it, e.g. '{known[0]}'"
                                                          if known else f"; {meeting_id} has no list items")
                problems.append(problem_at(saved.marks, where, f"unknown item '{entry.item}'{hint}"))
                continue
            if reference in seen:
                problems.append(problem_at(saved.marks, where, f"item '{reference}' is given twice in this point"))
                continue
            seen.add(reference)
            refs.append((index[reference], i))
        resolved.append((point, refs))
    return resolved, problems


def point_problems(saved: SavedBrief, meetings: Mapping[str, Meeting]) -> list[Problem]:
    """Every problem of the saved brief's points and suggested points."""
    indexes: dict[str, dict[str, ItemRef]] = {}
    problems: list[Problem] = []
    for key in ("points", "suggested"):
        problems += resolve(saved, key, getattr(saved.brief, key), meetings, indexes)[1]
    return problems


def table_rows(points: Sequence[tuple[str, Sequence[Entry]]], order: Sequence[str]) -> list[Row]:
    """Side-by-side rows of (statement, entries) pairs, each entry in its meeting's column (`order`)."""
    out = []
    for statement, entries in points:
        cells: list[list[Entry]] = [[] for _ in order]
        for entry in entries:
            cells[list(order).index(entry.ref.meeting.id)].append(entry)
        out.append(Row(statement.strip(), cells, list(order)))
    return out


def rows(saved: SavedBrief, meetings: Mapping[str, Meeting], order: Sequence[str], key: str = "points") -> list[Row]:
    """The side-by-side rows of the saved brief's points (or, with key 'suggested', of the points
    --suggest wrote for the secretariat), references already checked, columns in `order`."""
    resolved, problems = resolve(saved, key, getattr(saved.brief, key), meetings)
    if problems:
        log.debug("%d unresolved point reference(s) left out", len(problems))
    return table_rows([(point.point, [Entry(ref, point.items[i].role, point.items[i].score) for ref, i in refs])
                       for point, refs in resolved], order)


@dataclass(frozen=True)
class Suggested:
    """Where printed points that the secretariat has not confirmed come from, and how to confirm them."""

    file: str
    """The saved brief they are (or are to be) written to: content/briefs/NAME.yaml."""
    command: str | None
    """The command that writes them there; None when they are there already (its `suggested:` block)."""


def suggestions(meetings: Sequence[Meeting], themes: Sequence[str] | None, search_path: Sequence[Path],
                taken: Collection[str] = ()) -> list[Suggestion]:
    """Points suggested from the meetings' compared items on `themes` (None: any) not `taken` by a
    confirmed point, in the meetings' most common language (its procedural phrases, found on the
    template `search_path`, left aside: vocabulary.py)."""
    refs = [r for m in meetings for r in compared_items(m) if r.reference not in taken and (themes is None or home_theme(r, themes))]
    languages = [m.document.language for m in meetings]
    language = max(set(languages), key=languages.count)
    return suggest(refs, language, ignore=ignored_phrases(language, search_path))


def side_by_side(saved: SavedBrief | None, meetings: Sequence[Meeting], themes: Sequence[str], search_path: Sequence[Path],
                 command: str, file: str) -> tuple[list[Row], Suggested | None]:
    """The points a brief prints side by side (columns: `meetings`, in order): the saved brief's
    confirmed points; else the points `--suggest` wrote under its `suggested:` (the secretariat may
    have edited them); else points suggested now from the items, as many as SUGGESTED_WORDS allows. With
    suggested points, also where the secretariat confirms them (`command` writes them to `file`)."""
    order = [m.id for m in meetings]
    by_id = {m.id: m for m in meetings}
    if saved and saved.brief.points:
        return rows(saved, by_id, order), None
    if saved and saved.brief.suggested:
        return rows(saved, by_id, order, "suggested"), Suggested(file, None)
    found = sorted(suggestions(meetings, themes, search_path), key=lambda s: (-len({r.meeting.id for r, _ in s.items}), -s.score))
    points, words = [], 0
    for s in found:
        words += len(s.point.split()) + sum(_words(ref) for ref, _ in s.items)
        if points and words > SUGGESTED_WORDS:
            break
        points.append((s.point, [Entry(r, "stating", score) for r, score in s.items]))
    return table_rows(points, order), Suggested(file, command)


def _words(ref: ItemRef) -> int:
    """Words an item adds to a side-by-side cell: its gist, its reference and (at most) its lead-in."""
    return len(f"{plain(ref.gist.text)} {ref.reference} {ref.lead_in or ''}".split())
