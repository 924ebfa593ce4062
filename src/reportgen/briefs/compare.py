"""Briefing notes (reportgen compare): what several meetings concluded, by theme or for one country.

The brief a delegate reads in ten minutes: key points about substance (findings.py), the points
side by side (what each meeting said on the same question, points.py), an overview chart and the
table of counts, then an annex of the items theme by theme (each item once, under its first
theme). The points are the saved brief's confirmed points; without them, points suggested from
the items (suggest.py, or the saved brief's `suggested:` block), labelled as not yet confirmed by
the secretariat, with how to confirm them. The country view gives the country's roles per meeting
and what names it. `--full` adds the verbatim texts as an annex that the references point into.
Items and references: items.py; countries: countries.py; the chart: chart.py.
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
from .chart import Chart, overview_chart, participants
from .countries import canonical_country, country_roles, project_countries
from ..core.errors import ContentError, UsageProblem, did_you_mean
from .items import ITEM_KINDS, ItemRef, ParagraphRef, compared_items, home_theme, meeting_items, meeting_paragraphs
from ..style.labels import Labels
from ..style.measures import brief_measures
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
from .points import point_problems, side_by_side, suggestions
from .suggest import suggestions_yaml
from ..writers.fonts import check_fonts

__all__ = ["ITEM_KINDS", "BriefRequest", "build_brief", "country_roles", "meeting_items", "saved_request"]

log = logging.getLogger(__name__)

BRIEF_TEMPLATE = "compare/brief"
PORTRAIT_COLUMNS = 3
"""Meetings a side-by-side page holds in portrait; more columns turn its pages to landscape."""
MEETINGS_PER_TABLE = 6
"""Meeting columns of one table at most (the side-by-side table and the table of counts): on a
landscape A4 page a side-by-side column is then still about 3.9 cm wide. More meetings make
several tables, of sizes as even as may be, each repeating the first column."""
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
class MeetingBlock:
    """One meeting's items printed under one theme (those whose first theme it is)."""

    column: Column
    items: list[ItemRef]


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


def theme_blocks(columns: Sequence[Column], themes: Sequence[schema.Theme]) -> list[ThemeBlock]:
    """Per theme, per meeting: the items printed under it (the count counts every item on it)."""
    selected = [t.id for t in themes]
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
            here = [r for r in refs if home_theme(r, selected) == theme.id]
            if here:
                block.meetings.append(MeetingBlock(column, here))
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


def brief_context(project: Project, request: BriefRequest, labels: Labels, points: bool = True) -> dict[str, Any]:
    """Check the request against the content and gather everything the brief template prints
    (without `points`, neither the side-by-side points nor the key points drawn from them)."""
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
    # Each theme as the brief's language names it (themes.yaml `labels:`), for every place a brief prints it.
    all_themes = [t.model_copy(update={"label": t.label_in(request.language)}) for t in (themes_file.themes if themes_file else [])]
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
    name = request.name or default_name([c.id for c in columns], request.themes, country)
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
        "name": name,
        "key_points": [],  # a country view has none
    }
    if country:
        views = _country_view(columns, country, request.themes)
        context["country_view"] = views
        context["annexed"] = [(v.column, v.refs) for v in views if v.refs]
        return context
    blocks = theme_blocks(columns, selected)
    ids = [t.id for t in selected]
    # Where suggested points are confirmed: the saved brief, or one of the brief's name.
    saved_name = request.saved.name if request.saved else name
    if request.saved:
        command = f"reportgen compare --brief {saved_name} --suggest"
    else:
        command = " ".join(["reportgen compare", *(c.id for c in columns), *(f"--theme {t}" for t in request.themes),
                            "--suggest", "--name", name])
    file = project.display(briefs_dir(project) / f"{saved_name}.yaml")
    side, suggested = (side_by_side(request.saved, [c.meeting for c in columns], ids, template_search_path(project), command, file)
                       if points else ([], None))
    context.update(
        rows=side,
        suggested=suggested,
        batches=batches(len(columns)),
        landscape=max(len(b) for b in batches(len(columns))) > PORTRAIT_COLUMNS,
        blocks=blocks,
        addressed=[b for b in blocks if b.meetings],
        key_points=findings(side, labels) if points else [],
        chart=_chart(columns, blocks, labels),
        annexed=[(c, refs) for c in columns if (refs := [r for r in compared_items(c.meeting) if home_theme(r, ids)])],
    )
    return context


def batches(count: int, size: int = MEETINGS_PER_TABLE) -> list[range]:
    """The meeting columns of each table: at most `size` a table, as even as may be (7: 4 and 3)."""
    tables = -(-count // size) or 1
    bounds = [round(i * count / tables) for i in range(tables + 1)]
    return [range(a, b) for a, b in zip(bounds, bounds[1:])]


def build_brief(project: Project, request: BriefRequest) -> list[Path]:
    """Render the brief (checking everything first), then write each format atomically."""
    if request.name:
        check_name(request.name)
    search_path = template_search_path(project)
    labels = Labels.load(request.language, search_path)
    context = brief_context(project, request, labels)
    columns: list[Column] = context["columns"]
    name = context["name"]
    html = Renderer(search_path).render(BRIEF_TEMPLATE, context)
    root = output_root(project, request.out_dir)
    # The writers look in compare/ first: a brief's own Word reference document (narrower margins).
    style_path = [folder / "compare" for folder in search_path] + search_path
    # The shared print.css, and for a language of its own script its stylesheet (and the page
    # mirrored for a right-to-left one), as a meeting's documents have them.
    direction = labels.get("direction", "ltr")
    check_fonts(request.language)
    ctx = WriteContext(style_path, context["title"], request.language, fixed_time(context["brief_date"]),
                       stylesheets(search_path, DEFAULT_HOUSE, request.language, direction), direction=direction,
                       measures=brief_measures())
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
    context = brief_context(project, request, labels, points=False)
    columns: list[Column] = context["columns"]
    name = check_name(brief_name or context["name"])
    path = briefs_dir(project) / f"{name}.yaml"
    taken = {e.item for p in request.saved.brief.points for e in p.items} if request.saved else set()
    found = suggestions([c.meeting for c in columns], [t.id for t in context["selected_themes"]] or None,
                        template_search_path(project), taken)
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
