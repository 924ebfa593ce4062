"""Key points of a brief: short sentences generated from the counts, each true for the data.

Every number a sentence prints is a Claim: a count of compared items (in one meeting or all,
on one theme or on any of the brief's themes, of one kind or any) or a participation figure.
Tests recount each claim from the YAML, so a sentence cannot drift from the data it states.
Sentences are label catalogue templates (`kp_*` keys), so they follow --lang.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import schema
from .items import ITEM_KINDS
from ..style.labels import Labels

log = logging.getLogger(__name__)

MAX_POINTS = 8
PARTICIPANTS = ("participants",)
"""Units counted as participants for the participation sentence and chart."""


@dataclass(frozen=True)
class Claim:
    """A number a key point states, and what it counts."""

    value: int
    meeting: str | None = None
    """A meeting id, or None for all the meetings compared."""
    theme: str | None = None
    """A theme id, or None for any of the brief's themes."""
    kind: str | None = None
    """A list kind (conclusions, recommendations …), or None for any."""
    what: str = "items"
    """'items' (compared items) or 'participants' (a participation figure)."""


@dataclass
class KeyPoint:
    text: str
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Tally:
    """What the key points are computed from: one meeting's compared items on the brief's themes."""

    meeting: str
    items: list[Any]
    """ItemRefs on at least one of the brief's themes."""
    participants: schema.Figure | None = None


def participants(facts: schema.Meeting) -> schema.Figure | None:
    """The meeting's headcount: its first participation figure counted in participants."""
    return next((f for f in facts.participation if f.unit.strip().casefold() in PARTICIPANTS), None)


def _join(words: Sequence[str], labels: Labels) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {labels['and']} {words[-1]}"


def _on(tally: Tally, theme: str) -> int:
    return sum(1 for r in tally.items if theme in r.themes)


def key_points(tallies: Sequence[Tally], themes: Sequence[schema.Theme], labels: Labels) -> list[KeyPoint]:
    """Between three and eight sentences on what the meetings compared said and how much."""
    points: list[KeyPoint] = []
    kinds: dict[str, list[str]] = labels["kinds"]  # kind -> [singular, plural]
    total = sum(len(t.items) for t in tallies)
    scope = themes[0].label if len(themes) == 1 else labels["kp_these_themes"]
    breakdown = [labels["kp_in"].format(n=len(t.items), meeting=t.meeting) for t in tallies]
    points.append(KeyPoint(labels["kp_total"].format(items=total, scope=scope, breakdown=_join(breakdown, labels)),
                           [Claim(total), *(Claim(len(t.items), t.meeting) for t in tallies)]))
    by_kind = [(k, sum(1 for t in tallies for r in t.items if r.kind == k)) for k in ITEM_KINDS]
    by_kind = [(k, n) for k, n in by_kind if n]
    if total:
        words = [f"{n} {kinds.get(k, [k, k])[0 if n == 1 else 1]}" for k, n in by_kind]
        points.append(KeyPoint(labels["kp_by_kind"].format(list=_join(words, labels)), [Claim(n, kind=k) for k, n in by_kind]))
    counts = {t.id: [_on(tally, t.id) for tally in tallies] for t in themes}
    label = {t.id: t.label for t in themes}
    if len(themes) > 1:
        every = [t.id for t in themes if all(counts[t.id])]
        if every:
            points.append(KeyPoint(labels["kp_every"].format(list=_join([label[t] for t in every], labels))))
        single = [(t, next(i for i, n in enumerate(counts[t]) if n)) for t in counts if sum(1 for n in counts[t] if n) == 1]
        if single:
            parts = [labels["kp_single_one"].format(theme=label[t], meeting=tallies[i].meeting, n=counts[t][i]) for t, i in single]
            points.append(KeyPoint(labels["kp_single"].format(list=_join(parts, labels)),
                                   [Claim(counts[t][i], tallies[i].meeting, t) for t, i in single]))
        most = max(sum(counts[t.id]) for t in themes)
        if most:
            top = [t for t in themes if sum(counts[t.id]) == most]  # a tie names every theme that shares the top
            points.append(KeyPoint(labels["kp_most"].format(theme=_join([t.label for t in top], labels), n=most),
                                   [Claim(most, theme=t.id) for t in top]))
    elif themes:
        theme = themes[0].id
        yes = [t.meeting for t, n in zip(tallies, counts[theme]) if n]
        no = [t.meeting for t, n in zip(tallies, counts[theme]) if not n]
        key = "kp_addressed_all" if not no else ("kp_addressed_none" if not yes else "kp_addressed_some")
        points.append(KeyPoint(labels[key].format(theme=label[theme], yes=_join(yes, labels), no=_join(no, labels))))
    points += _trends(tallies, themes, counts, labels)
    points += _recommendations(tallies, labels)
    points += _participation(tallies, labels)
    if len(points) > MAX_POINTS and total:
        del points[1]  # the breakdown by kind gives way first
    return points[:MAX_POINTS]


def _trends(tallies: Sequence[Tally], themes: Sequence[schema.Theme], counts: dict[str, list[int]], labels: Labels) -> list[KeyPoint]:
    """The themes whose share of items grew and fell most from the earliest meeting to the latest."""
    first, last = tallies[0], tallies[-1]
    if len(tallies) < 2 or not first.items or not last.items or len(themes) < 2:
        return []
    shares = {t.id: counts[t.id][-1] / len(last.items) - counts[t.id][0] / len(first.items) for t in themes}
    out = []
    for key, theme in (("kp_rose", max(themes, key=lambda t: shares[t.id])), ("kp_fell", min(themes, key=lambda t: shares[t.id]))):
        if (shares[theme.id] > 0) == (key == "kp_rose") and shares[theme.id] != 0:
            a, b = counts[theme.id][0], counts[theme.id][-1]
            out.append(KeyPoint(labels[key].format(theme=theme.label, first=first.meeting, last=last.meeting, a=a, b=b,
                                                   total_a=len(first.items), total_b=len(last.items)),
                                [Claim(a, first.meeting, theme.id), Claim(len(first.items), first.meeting),
                                 Claim(b, last.meeting, theme.id), Claim(len(last.items), last.meeting)]))
    return out


def _recommendations(tallies: Sequence[Tally], labels: Labels) -> list[KeyPoint]:
    made = [(t.meeting, sum(1 for r in t.items if r.kind == "recommendations")) for t in tallies]
    total = sum(n for _, n in made)
    if not total or len(tallies) < 2:
        return []
    most = max(n for _, n in made)
    top = [m for m, n in made if n == most]  # a tie names every meeting that shares the top
    return [KeyPoint(labels["kp_recommendations"].format(meeting=_join(top, labels), n=most, total=total),
                     [*(Claim(most, m, kind="recommendations") for m in top), Claim(total, kind="recommendations")])]


def _figure(figure: schema.Figure) -> str:
    return f"{figure.qualifier} {figure.count}" if figure.qualifier else str(figure.count)


def _participation(tallies: Sequence[Tally], labels: Labels) -> list[KeyPoint]:
    known = [(t.meeting, t.participants) for t in tallies if t.participants is not None]
    if not known:
        return []
    if len(known) == 1:
        meeting, fig = known[0]
        return [KeyPoint(labels["kp_participation_one"].format(meeting=meeting, n=_figure(fig)),
                         [Claim(fig.count, meeting, what="participants")])]
    low = min(known, key=lambda k: k[1].count)
    high = max(known, key=lambda k: k[1].count)
    missing = [t.meeting for t in tallies if t.participants is None]
    text = labels["kp_participation"].format(low=_figure(low[1]), low_meeting=low[0], high=_figure(high[1]), high_meeting=high[0])
    if missing:
        text += " " + labels["kp_participation_missing"].format(list=_join(missing, labels))
    return [KeyPoint(text, [Claim(low[1].count, low[0], what="participants"), Claim(high[1].count, high[0], what="participants")])]
