"""Key points about substance, generated from a brief's points (what the meetings said, not how much).

From the side-by-side rows (points.py): the points every meeting, or most, stated; where a
meeting contrasts with the others; how the earliest and the latest meeting compared put the same
point; and what only one meeting said. Each key point names the meetings and cites the items it
rests on ("[hld2013, H, (i)]"), so a delegate can check it; none is a count (the chart and its
table keep the counts). Sentences are label catalogue templates (`kf_*` keys), so they follow --lang.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..render.markup import plain
from ..style.labels import Labels
from .items import ItemRef
from .points import AGREEING, Entry, Row

log = logging.getLogger(__name__)

MAX_FINDINGS = 8
"""Key points at most: a page-1 list a delegate reads in two minutes."""
MAX_EACH = {"agree": 3, "shared": 2, "contrast": 2, "change": 2, "only": 2}
"""Key points of each kind at most, in the order printed."""
MIN_FINDINGS = 3
"""Fewer key points than this, and points stated by two meetings but not most are added ("shared")."""


@dataclass
class Finding:
    """One key point: its sentence and the items it cites."""

    kind: str
    text: str
    refs: list[ItemRef] = field(default_factory=list)


def _join(words: Sequence[str], labels: Labels) -> str:
    words = list(words)
    return ", ".join(words[:-1]) + f" {labels['and']} {words[-1]}" if len(words) > 1 else "".join(words)


def _cite(refs: Sequence[ItemRef]) -> str:
    return "[" + "; ".join(r.reference for r in refs) + "]"


def _first(entries: Sequence[Entry], roles: Sequence[str] = AGREEING) -> Entry | None:
    """The entry that best carries a meeting's position: its first stating item, else supporting, else qualifying."""
    for role in roles:
        for entry in entries:
            if entry.role == role:
                return entry
    return None


def _gist(ref: ItemRef, labels: Labels) -> str:
    return f"{labels['quote_open']}{plain(ref.gist.text)}{labels['quote_close']}"


def _point(row: Row) -> str:
    """The point as a key point begins with it: a suggested point (an item's gist) without its full stop."""
    return row.point[:-1] if row.point.endswith(".") else row.point


def _bare(text: str) -> str:
    """A sentence compared as words: markup, closing punctuation and case left aside."""
    return plain(text).strip().rstrip(".;,: ").removesuffix(" and").casefold()


def _agreement(row: Row, labels: Labels, most: bool = True) -> Finding | None:
    saying = row.saying()
    if len(saying) < 2 or (len(saying) * 2 <= len(row.meetings)) == most:
        return None
    refs = [_first(row.entries(m)).ref for m in saying]  # type: ignore[union-attr]
    silent = [m for m in row.meetings if m not in saying]
    if not silent:
        text = labels["kf_agree_all"].format(point=_point(row), refs=_cite(refs))
    else:
        text = labels["kf_agree_most"].format(point=_point(row), meetings=_join(saying, labels), refs=_cite(refs),
                                              others=_join(silent, labels))
    return Finding("agree" if most else "shared", text, refs)


def _shared(row: Row, labels: Labels) -> Finding | None:
    """A point two or more meetings state, but not most (said as agreement is: by whom, not by whom)."""
    return _agreement(row, labels, most=False)


def _contrast(row: Row, labels: Labels) -> Finding | None:
    contrasting = row.contrasting()
    saying = [m for m in row.saying() if m not in {m for m, _ in contrasting}]
    if not contrasting or not saying:
        return None
    meeting, entries = contrasting[0]
    stated = [_first(row.entries(m)).ref for m in saying]  # type: ignore[union-attr]
    text = labels["kf_contrast"].format(point=_point(row), meeting=meeting, gist=_gist(entries[0].ref, labels),
                                        ref=_cite([entries[0].ref]), others=_join(saying, labels), refs=_cite(stated))
    return Finding("contrast", text, [entries[0].ref, *stated])


def _change(row: Row, labels: Labels) -> Finding | None:
    first, last = row.meetings[0], row.meetings[-1]
    a = _first(row.entries(first), (*AGREEING, "contrasting"))
    b = _first(row.entries(last), (*AGREEING, "contrasting"))
    if a is None or b is None or len(row.meetings) < 2:
        return None
    # A suggested point is worded as one of its items: quoted, it need not be stated before.
    same = _bare(row.point) in {_bare(e.ref.gist.text) for e in (a, b)}
    text = labels["kf_change_same" if same else "kf_change"].format(
        point=_point(row), first=first, last=last, gist_a=_gist(a.ref, labels), ref_a=_cite([a.ref]),
        gist_b=_gist(b.ref, labels), ref_b=_cite([b.ref]))
    return Finding("change", text, [a.ref, b.ref])


def _only(row: Row, labels: Labels) -> Finding | None:
    addressed = row.addressed()
    if len(addressed) != 1 or len(row.meetings) < 2:
        return None
    entry = _first(row.entries(addressed[0]), (*AGREEING, "contrasting"))
    assert entry is not None
    text = labels["kf_only"].format(point=_point(row), meeting=addressed[0], gist=_gist(entry.ref, labels), ref=_cite([entry.ref]))
    return Finding("only", text, [entry.ref])


def findings(rows: Sequence[Row], labels: Labels) -> list[Finding]:
    """At most MAX_FINDINGS key points: agreement (the points most meetings stated first), contrast,
    change from the earliest meeting to the latest, and what only one meeting said; where that
    makes fewer than MIN_FINDINGS, the points two meetings share. Without any point, one sentence
    saying so (the annex gives the items by theme)."""
    if not rows:
        return [Finding("none", labels["kf_none"])]
    made = {kind: [] for kind in MAX_EACH}  # type: dict[str, list[Finding]]
    used: set[int] = set()  # one key point per point: the first kind that applies
    ordered = sorted(range(len(rows)), key=lambda i: -len(rows[i].saying()))  # stable: the brief's order among equals
    passes = ((ordered, (("contrast", _contrast), ("agree", _agreement))),
              (range(len(rows)), (("change", _change), ("only", _only))),  # the brief's order: the secretariat orders its points
              (ordered, (("shared", _shared),)))
    for order, makers in passes:
        for i in order:
            for kind, make in makers:
                if kind == "shared" and sum(map(len, made.values())) >= MIN_FINDINGS:
                    break
                found = make(rows[i], labels) if i not in used and len(made[kind]) < MAX_EACH[kind] else None
                if found:
                    made[kind].append(found)
                    used.add(i)
    out = [f for kind in MAX_EACH for f in made[kind]][:MAX_FINDINGS]
    log.debug("%d key point(s) from %d point(s)", len(out), len(rows))
    return out
