"""Briefing notes (reportgen compare): what several meetings concluded, by theme or for one country.

The brief a delegate reads in ten minutes: key points generated from the counts, an overview
chart and the table of counts, then per theme the gists of the items with their references
(each item printed once, under its first theme, and referred to from the others). The country
view gives the country's roles per meeting and what names it. `--full` adds the verbatim texts
as an annex that the references point into. Items and references: items.py; countries:
countries.py; key points: keypoints.py; the chart: chart.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import schema
from .saved import SUGGESTED_HEAD, SavedBrief, briefs_dir, check_name, load_brief, reference_problems, with_suggestions
from ..writers.output import FORMATS, fixed_time, output_root, writer_for
from .chart import Chart, overview_chart
from .countries import canonical_country, country_roles, project_countries
from ..core.errors import ContentError, UsageProblem, did_you_mean
from .items import ITEM_KINDS, ItemRef, ParagraphRef, compared_items, meeting_items, meeting_paragraphs
from .keypoints import KeyPoint, Tally, key_points, participants
from ..style.labels import Labels
from ..render.markup import plain
from ..content.model import Meeting, load_meetings
from ..core.names import MAX_NAME
from ..core.project import Project
from ..style.search_path import template_search_path
from ..render.environment import Renderer
from ..content.validate import load_themes
from ..style.houses import DEFAULT_HOUSE, stylesheets
from ..writers import WriteContext
from ..core.atomic import atomic_target
from .findings import Finding, findings
from .points import point_problems, rows
from .suggest import suggest, suggestions_yaml
from .vocabulary import ignored_phrases
from ..writers.fonts import check_fonts

__all__ = ["ITEM_KINDS", "BriefRequest", "build_brief", "country_roles", "meeting_items", "saved_request"]

log = logging.getLogger(__name__)

BRIEF_TEMPLATE = "compare/brief"
PORTRAIT_COLUMNS = 3
"""Meetings a side-by-side page holds in portrait; more columns turn its pages to landscape."""
LANGUAGE = "en"


@dataclass(frozen=True)
class BriefRequest:
    """What to compare and where to write it (from the command line or a saved brief)."""

    meetings: tuple[str, ...]
    themes: tuple[str, ...] = ()
    country: str | None = None
    name: str | None = None
    title: str | None = None
    audience: str | None = None
    reference: str | None = None
    date: dt.date | None = None
    formats: tuple[str, ...] = FORMATS
    out_dir: Path | None = None
    language: str = LANGUAGE
    full: bool = False
    saved: SavedBrief | None = None
    """The saved brief the request comes from (its points are printed side by side)."""


@dataclass
class Column:
    """One compared meeting, as the brief names it."""

    meeting: Meeting
    place: str
    dates: str
    source: str

    @property
    def id(self) -> str:
        return self.meeting.id

    @property
    def short_title(self) -> str:
        return self.meeting.facts.short_title


@dataclass
class SeeAlso:
    """Items of one meeting on this theme that are printed under another theme."""

    theme: schema.Theme
    items: list[ItemRef]

    @property
    def references(self) -> str:
        """The references, the meeting named once and the items of one section given together:
        'hld2013, C, (iii), (iv); D, (i)'."""
        groups: dict[str, list[str]] = {}
        for r in self.items:
            groups.setdefault(r.where, []).append(r.marker)
        return f"{self.items[0].meeting.id}, " + "; ".join(f"{where}, {', '.join(markers)}" for where, markers in groups.items())


@dataclass
class MeetingBlock:
    """One meeting's items on one theme: printed here, or referred to where they are printed."""

    column: Column
    items: list[ItemRef]
    see: list[SeeAlso] = field(default_factory=list)


@dataclass
class ThemeBlock:
    """One theme: the count per meeting, the meetings that addressed it and those that did not."""

    theme: schema.Theme
    counts: list[int]
    meetings: list[MeetingBlock] = field(default_factory=list)
    absent: list[Column] = field(default_factory=list)


@dataclass
class CountryColumn:
    column: Column
    roles: list[str]
    refs: list[ItemRef | ParagraphRef]


def brief_path(root: Path, name: str, fmt: str) -> Path:
    """output/compare/<name>.<fmt> (root is output/ or the --out folder)."""
    return root / "compare" / f"{name}.{fmt}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def default_name(meeting_ids: Sequence[str], themes: Sequence[str], country: str | None) -> str:
    """<meetings>[_<country>][_<themes>], e.g. 'gfmd2010_gfmd2011_remittances'; when that is longer
    than a name may be (core/names.py), its start and a digest of the whole, so that two different
    comparisons never share a file."""
    parts = list(meeting_ids)
    if country:
        parts.append(_slug(country))
    parts += themes
    name = "_".join(parts)
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:10]
    return f"{name[:MAX_NAME - len(digest) - 1].rstrip('_-')}_{digest}"


def _source(meeting: Meeting, labels: Labels) -> str:
    doc = meeting.document
    bits = [b for b in (doc.issuer, doc.symbol, labels.date(doc.date) if doc.date else None) if b]
    kind = plain(doc.kind_label)
    return f"{kind} ({', '.join(bits)})" if bits else kind


def _columns(meetings: Iterable[Meeting], labels: Labels) -> list[Column]:
    ordered = sorted(meetings, key=lambda m: (m.facts.start, m.id))
    return [
        Column(m, f"{m.facts.venue.city}, {m.facts.venue.country}" if m.facts.venue else "",
               labels.date_range(m.facts.start, m.facts.end), _source(m, labels))
        for m in ordered
    ]


def home_theme(ref: ItemRef, selected: Sequence[str]) -> str | None:
    """The theme an item is printed under: its first theme among those of the brief."""
    return next((t for t in ref.themes if t in selected), None)


def theme_blocks(columns: Sequence[Column], themes: Sequence[schema.Theme]) -> list[ThemeBlock]:
    """Per theme, per meeting: the items printed under it, and those referred to elsewhere."""
    selected = [t.id for t in themes]
    by_id = {t.id: t for t in themes}
    per_meeting = {c.id: compared_items(c.meeting) for c in columns}
    blocks = []
    for theme in themes:
        on_theme = {c.id: [r for r in per_meeting[c.id] if theme.id in r.themes] for c in columns}
        block = ThemeBlock(theme, [len(on_theme[c.id]) for c in columns])
        for column in columns:
            refs = on_theme[column.id]
            if not refs:
                block.absent.append(column)
                continue
            here = MeetingBlock(column, [r for r in refs if home_theme(r, selected) == theme.id])
            for other in themes:
                elsewhere = [r for r in refs if home_theme(r, selected) == other.id and other.id != theme.id]
                if elsewhere:
                    here.see.append(SeeAlso(by_id[other.id], elsewhere))
            block.meetings.append(here)
        blocks.append(block)
    return blocks


def _check_choice(kind: str, plural: str, value: str, valid: Sequence[str]) -> None:
    if value not in valid:
        raise UsageProblem(f"unknown {kind} '{value}'{did_you_mean(value, valid)}; {plural}: {', '.join(valid)}")


def _chart(columns: Sequence[Column], blocks: Sequence[ThemeBlock], labels: Labels) -> Chart:
    heads = [participants(c.meeting.facts) for c in columns]
    alt = labels["overview_chart"]
    if any(heads):
        alt += ". " + labels["overview_chart_participation"]
    return overview_chart([c.id for c in columns], [b.theme.label for b in blocks], [b.counts for b in blocks],
                          [h.count if h else None for h in heads], alt, labels["chart_participants"], labels["chart_no_figure"])


def _country_view(columns: Sequence[Column], country: str, themes: Sequence[str]) -> list[CountryColumn]:
    """Per meeting: the country's roles, and every list item and paragraph block that names it."""
    views = []
    for column in columns:
        refs: list[ItemRef | ParagraphRef] = [r for r in meeting_items(column.meeting) if r.names(country)]
        if themes:
            refs = [r for r in refs if set(r.themes) & set(themes)]
        else:
            refs += [p for p in meeting_paragraphs(column.meeting) if p.names(country)]
        views.append(CountryColumn(column, country_roles(column.meeting, country), refs))
    return views


def brief_context(project: Project, request: BriefRequest, labels: Labels) -> dict[str, Any]:
    """Check the request against the content and gather everything the brief template prints."""
    if not request.meetings:
        raise UsageProblem("name the meetings to compare, e.g. reportgen compare gfmd2010 gfmd2011")
    duplicates = sorted({m for m in request.meetings if request.meetings.count(m) > 1})
    if duplicates:
        raise UsageProblem(f"meeting '{duplicates[0]}' is given twice")
    if request.country is None and len(request.meetings) < 2:
        raise UsageProblem("a comparison needs at least two meetings (or --country for a country view)")
    themes_file, problems = load_themes(project)
    if problems:
        raise ContentError(problems)
    all_themes = themes_file.themes if themes_file else []
    theme_ids = [t.id for t in all_themes]
    for theme in request.themes:
        _check_choice("theme", "themes", theme, theme_ids)
    meetings = load_meetings(project, request.meetings)
    country = None
    if request.country is not None:
        countries = project_countries(project, meetings)
        country = canonical_country(request.country, countries)
        if country is None:
            _check_choice("country", "countries in content/", request.country, sorted(countries))
    selected = [t for t in all_themes if not request.themes or t.id in request.themes]
    columns = _columns(meetings.values(), labels)
    default_title = labels["country_default_title"].format(country=country) if country else labels["brief_default_title"]
    context: dict[str, Any] = {
        "title": request.title or default_title,
        "audience": request.audience,
        "reference": request.reference,
        "brief_date": request.date or dt.date.today(),
        "country": country,
        "selected_themes": selected if request.themes else [],
        "columns": columns,
        "labels": labels,
        "date": labels.date,
        "date_range": labels.date_range,
        "full": request.full,
        "draft": False,
        "country_view": None,
    }
    if country:
        views = _country_view(columns, country, request.themes)
        context["country_view"] = views
        context["annexed"] = [(v.column, v.refs) for v in views if v.refs]
        return context
    blocks = theme_blocks(columns, selected)
    ids = [t.id for t in selected]
    tallies = [Tally(c.id, [r for r in compared_items(c.meeting) if home_theme(r, ids)], participants(c.meeting.facts)) for c in columns]
    side = rows(request.saved, meetings, [c.id for c in columns]) if request.saved and request.saved.brief.points else []
    # With points, the key points say what the meetings said (findings.py); without, what the counts show.
    points: list[KeyPoint] | list[Finding] = findings(side, labels) if side else key_points(tallies, selected, labels)
    context.update(
        rows=side,
        landscape=len(columns) > PORTRAIT_COLUMNS,
        blocks=blocks,
        addressed=[b for b in blocks if b.meetings],
        key_points=points,
        chart=_chart(columns, blocks, labels),
        annexed=[(c, t.items) for c, t in zip(columns, tallies) if t.items],
    )
    return context


def build_brief(project: Project, request: BriefRequest) -> list[Path]:
    """Render the brief (checking everything first), then write each format atomically."""
    if request.name:
        check_name(request.name)
    search_path = template_search_path(project)
    labels = Labels.load(request.language, search_path)
    context = brief_context(project, request, labels)
    columns: list[Column] = context["columns"]
    name = request.name or default_name([c.id for c in columns], request.themes, context["country"])
    html = Renderer(search_path).render(BRIEF_TEMPLATE, context)
    root = output_root(project, request.out_dir)
    # The writers look in compare/ first: a brief's own Word reference document (narrower margins).
    style_path = [folder / "compare" for folder in search_path] + search_path
    # The shared print.css, and for a language of its own script its stylesheet (and the page
    # mirrored for a right-to-left one), as a meeting's documents have them.
    direction = labels.get("direction", "ltr")
    check_fonts(request.language)
    ctx = WriteContext(style_path, context["title"], request.language, fixed_time(context["brief_date"]),
                       stylesheets(search_path, DEFAULT_HOUSE, request.language, direction), direction=direction)
    written = []
    for fmt in request.formats or FORMATS:
        target = brief_path(root, name, fmt)
        writer_for(fmt)(html, target, ctx)
        written.append(target)
    log.info("brief %s: %d meeting(s), %d file(s)", name, len(columns), len(written))
    return written


def saved_request(project: Project, brief_name: str, **options: Any) -> BriefRequest:
    """The request a saved brief (content/briefs/<name>.yaml) makes, checked against the content.
    `options` (name, audience, date, formats, out_dir, language, full) override the defaults; None values are ignored."""
    saved: SavedBrief = load_brief(project, brief_name)
    themes_file, problems = load_themes(project)
    if problems:
        raise ContentError(problems)
    theme_ids = [t.id for t in themes_file.themes] if themes_file else []
    countries = project_countries(project, {}) if saved.brief.country else set()
    problems = reference_problems(saved, project.meeting_ids(), theme_ids, countries)
    if problems:
        raise ContentError(problems)
    if saved.brief.points or saved.brief.suggested:
        problems = point_problems(saved, load_meetings(project, saved.brief.meetings))
        if problems:
            raise ContentError(problems)
    brief = saved.brief
    options = {k: v for k, v in options.items() if v is not None}
    options.setdefault("name", brief_name)
    options.setdefault("audience", brief.audience)
    return BriefRequest(tuple(brief.meetings), tuple(brief.themes), brief.country, title=brief.title,
                        reference=brief.reference, saved=saved, **options)


def suggest_points(project: Project, request: BriefRequest, brief_name: str | None) -> tuple[Path, int]:
    """Propose points for the request's meetings and write them under `suggested:` of the saved
    brief (created with the request's meetings and themes when it does not exist; its other
    keys and comments are kept). Items already in a confirmed point are not suggested again."""
    if request.country:
        raise UsageProblem("--suggest compares meetings point by point; it does not apply to a country view")
    labels = Labels.load(request.language, template_search_path(project))
    context = brief_context(project, request, labels)
    columns: list[Column] = context["columns"]
    name = check_name(brief_name or request.name or default_name([c.id for c in columns], request.themes, None))
    path = briefs_dir(project) / f"{name}.yaml"
    taken = {e.item for p in request.saved.brief.points for e in p.items} if request.saved else set()
    ids = [t.id for t in context["selected_themes"]] or None
    refs = [r for c in columns for r in compared_items(c.meeting) if r.reference not in taken and (ids is None or home_theme(r, ids))]
    languages = [c.meeting.document.language for c in columns]
    language = max(set(languages), key=languages.count)
    found = suggest(refs, language, ignore=ignored_phrases(language, template_search_path(project)))
    command = f"reportgen compare --brief {name} --suggest"
    block = suggestions_yaml(found, command, SUGGESTED_HEAD)
    if path.is_file():
        text = with_suggestions(path.read_text(encoding="utf-8"), block)
    else:
        head = [f"# A saved comparison brief (docs/briefs.md). Rebuild it with: reportgen compare --brief {name}",
                f"title: {json.dumps(request.title or context['title'], ensure_ascii=False)}",
                f"meetings: [{', '.join(c.id for c in columns)}]"]
        if request.themes:
            head.append(f"themes: [{', '.join(request.themes)}]")
        head.append("points: []")
        text = "\n".join(head) + "\n\n" + block
    with atomic_target(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    log.info("%s: %d suggested point(s)", path, len(found))
    return path, len(found)
