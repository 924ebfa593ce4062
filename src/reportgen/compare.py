"""Comparison briefs: meetings side by side, by theme or from one country's point of view.

The items compared are the list items of lists whose kind is conclusions, recommendations,
messages or points (points: findings such as good practices and main points of discussion,
tagged with themes like the others). Every item printed in a brief carries a reference that
finds it in the meeting's own document: meeting id, section (its label as printed, or its
heading), and the item's number or letter as printed in its list ("hld2013, H, (ii)"); items of
bulleted lists, which print no number, are counted within their section by kind
("gfmd2010, Roundtable 1, recommendation 3"); an item of a list nested in another item adds its
own marker to its parent's ("fibemyd2008, Session I: Remittances sent by Migrants, f) (3)").
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import schema
from .build import FORMATS, fixed_time, output_root, writer_for
from .briefs import SavedBrief, check_name, load_brief, reference_problems
from .errors import ContentError, UsageProblem, did_you_mean
from .labels import Labels
from .markup import paragraphs, plain
from .model import Meeting, load_meetings
from .project import Project, template_search_path
from .render import Footnotes, Renderer
from .states import state_countries, state_roles
from .validate import check_meeting, load_themes, walk
from .writers import WriteContext

log = logging.getLogger(__name__)

ITEM_KINDS = ("conclusions", "recommendations", "messages", "points", "decisions")
"""List kinds whose items a brief compares (and counts in the overview matrix)."""
KIND_HEADINGS = {"conclusions": "Conclusions", "recommendations": "Recommendations", "messages": "Messages", "points": "Points",
                 "decisions": "Decisions"}
SINGULAR = {"conclusions": "conclusion", "recommendations": "recommendation", "messages": "message",
            "points": "point", "items": "item", "calendar": "entry", "decisions": "decision",
            "preambular": "preambular paragraph"}
BRIEF_TEMPLATE = "compare/brief"
LANGUAGE = "en"


# --------------------------------------------------------------------------- item references


def _roman(number: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += digits
            number -= value
    return out


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def list_marker(style: str, number: int) -> str:
    """The marker printed before item `number` of a list in `style`: (iii), c), 3., (3), 3)."""
    if style in ("(i)", "i)"):
        core = _roman(number)
    elif style in ("(a)", "a)"):
        core = _letters(number)
    else:
        core = str(number)
    return style.replace({"(i)": "i", "i)": "i", "(a)": "a", "a)": "a"}.get(style, "1"), core, 1)


def section_name(section: schema.Section) -> str | None:
    """A section as a reference names it: its label as printed (without a closing full stop), else its heading."""
    if section.label:
        return section.label.strip().removesuffix(".")
    if section.heading:
        return plain(section.heading)
    return None


@dataclass(frozen=True)
class ItemRef:
    """One list item of a meeting, with where it is printed."""

    meeting: Meeting
    section: schema.Section
    where: str
    marker: str
    kind: str
    item: schema.ListItem
    block: schema.ListBlock

    @property
    def reference(self) -> str:
        return f"{self.meeting.id}, {self.where}, {self.marker}"

    @property
    def themes(self) -> list[str]:
        return self.item.themes

    def names(self, country: str) -> bool:
        return country.casefold() in {c.casefold() for c in self.item.countries}

    def paragraphs(self) -> list[Markup]:
        """The item as printed: lead and text, then the paragraphs and plain sub-lists of `more`."""
        md = Footnotes(self.meeting.doc.footnotes)
        paras = [md(p) for p in paragraphs(self.item.text)]
        if self.item.lead and paras:
            paras[0] = Markup("<strong>{}</strong> {}").format(md(self.item.lead), paras[0])
        for block in self.item.more:
            if isinstance(block, str):
                paras += [md(p) for p in paragraphs(block)]
            elif isinstance(block, schema.ListBlock) and block.kind not in ITEM_KINDS:
                paras += [Markup("– {}").format(md(sub.text)) for sub in block.items]
        return paras


def _list_items(meeting: Meeting, section: schema.Section, where: str, block: schema.ListBlock,
                prefix: str, bullets: dict[str, int]) -> Iterator[ItemRef]:
    for index, item in enumerate(block.items):
        if not block.numbered:
            bullets[block.kind] = bullets.get(block.kind, 0) + 1
            marker = f"{SINGULAR[block.kind]} {bullets[block.kind]}"
        else:
            marker = list_marker(block.list, block.start + index)
        marker = f"{prefix} {marker}" if prefix else marker
        yield ItemRef(meeting, section, where, marker, block.kind, item, block)
        nested_bullets: dict[str, int] = {}  # bulleted sub-lists are counted within their item
        for sub in item.more:
            if isinstance(sub, schema.ListBlock):
                yield from _list_items(meeting, section, where, sub, marker, nested_bullets)


def meeting_items(meeting: Meeting) -> list[ItemRef]:
    """Every list item of the meeting (body and annexes, nested lists included), in document order."""
    names: dict[str, str] = {}
    items: list[ItemRef] = []
    for trail, section in meeting.sections():
        own = section_name(section)
        where = own if own is not None else next((names[s] for s in reversed(trail) if s in names), section.id)
        names[section.id] = where
        bullets: dict[str, int] = {}
        for block in section.blocks:
            if isinstance(block, schema.ListBlock):
                items.extend(_list_items(meeting, section, where, block, "", bullets))
    return items


def compared_items(meeting: Meeting) -> list[ItemRef]:
    """The items a brief compares: conclusions, recommendations, messages and points with themes."""
    return [r for r in meeting_items(meeting) if r.kind in ITEM_KINDS and r.item.themes]


def reference_index(meeting: Meeting) -> dict[str, ItemRef]:
    """Every item of the meeting by its printed reference."""
    return {r.reference: r for r in meeting_items(meeting)}


# --------------------------------------------------------------------------- countries


def person_country(person: schema.Person) -> str | None:
    """The country a person represented: their own, else their organisation's."""
    org = person.ref
    return person.country or (org.country if isinstance(org, schema.Organisation) else None)


def content_countries(docs: Iterable[schema.MeetingFile]) -> set[str]:
    """Every country named in the meetings: venues, role holders, organisations, people, items."""
    found: set[str] = set()
    for doc in docs:
        for _, node in walk(doc):
            if isinstance(node, (schema.Venue, schema.RoleHolder, schema.Person, schema.Organisation)) and node.country:
                found.add(node.country)
            elif isinstance(node, schema.Tagged):
                found.update(node.countries)
        found |= state_countries(doc)
    return found


def project_countries(project: Project, loaded: dict[str, Meeting]) -> set[str]:
    """Countries of every valid meeting in content/ (invalid meetings are skipped, not reported)."""
    themes, _ = load_themes(project)
    docs = [m.doc for m in loaded.values()]
    for meeting_id in project.meeting_ids():
        if meeting_id not in loaded:
            doc, _ = check_meeting(project, meeting_id, themes)
            if doc is not None:
                docs.append(doc)
    return content_countries(docs)


def canonical_country(name: str, countries: Iterable[str]) -> str | None:
    """The country as content spells it, matched without regard to case."""
    return next((c for c in sorted(countries) if c.casefold() == name.strip().casefold()), None)


MEETING_ROLES = (("hosts", "host"), ("chairs", "chair"), ("co_chairs", "co-chair"), ("organisers", "organiser"),
                 ("rapporteurs", "rapporteur"), ("supporters", "supporter"))


def _holder(holder: schema.RoleHolder) -> tuple[str | None, str | None]:
    """(country, who): the holder's country and, for a person or organisation, its name."""
    target = holder.ref
    if holder.country:
        return holder.country, holder.office
    if isinstance(target, schema.Person):
        name = f"{target.honorific} {target.name}" if target.honorific else target.name
        return person_country(target), name
    if isinstance(target, schema.Organisation):
        return target.country, target.name
    return None, None


def _session_name(session: schema.Session) -> str:
    if session.number:
        name = f"{session.label or 'Session'} {session.number}"
    else:
        name = session.label or plain(session.title)
    return f"{name} (continued)" if session.continued else name


def country_roles(meeting: Meeting, country: str) -> list[str]:
    """Every role `country` had at the meeting, as short sentences."""
    want = country.casefold()
    facts = meeting.facts
    roles: list[str] = []
    if facts.venue.country.casefold() == want:
        roles.append(f"venue: the meeting was held in {facts.venue.city}")
    roles += state_roles(meeting, country)
    groups: list[tuple[str, str, list[schema.RoleHolder]]] = [(role, "the meeting", getattr(facts, key)) for key, role in MEETING_ROLES]
    for session in meeting.doc.sessions:
        name = _session_name(session)
        groups += [("chair", name, session.chairs), ("co-chair", name, session.co_chairs)]
    for role, of, holders in groups:
        for holder in holders:
            where, who = _holder(holder)
            if where is not None and where.casefold() == want:
                note = f" {holder.note}" if holder.note else ""
                roles.append(f"{role} of {of}" + (f": {who}{note}" if who else note))
    for session in meeting.doc.sessions:
        for role, refs in (("moderator", session.moderators), ("speaker", session.speakers)):
            for ref in refs:
                person = ref.ref
                where = person_country(person)
                if where is not None and where.casefold() == want:
                    preposition = "of" if role == "moderator" else "in"
                    roles.append(f"{role} {preposition} {_session_name(session)}: {person.name}")
    return roles


# --------------------------------------------------------------------------- the brief


@dataclass(frozen=True)
class BriefRequest:
    """What to compare and where to write it (from the command line or a saved brief)."""

    meetings: tuple[str, ...]
    themes: tuple[str, ...] = ()
    country: str | None = None
    name: str | None = None
    title: str | None = None
    audience: str | None = None
    date: dt.date | None = None
    formats: tuple[str, ...] = FORMATS
    out_dir: Path | None = None


@dataclass
class Column:
    """One compared meeting, as the brief heads its column."""

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
class KindGroup:
    """Items of one kind on one theme: one cell per meeting, listing its items."""

    kind: str
    heading: str
    cells: list[list[ItemRef]]


@dataclass
class ThemeRow:
    theme: schema.Theme
    counts: list[int]
    groups: list[KindGroup] = field(default_factory=list)

    @property
    def meetings(self) -> int:
        return sum(1 for c in self.counts if c)


@dataclass
class CountryColumn:
    column: Column
    roles: list[str]
    items: list[ItemRef]


def brief_path(root: Path, name: str, fmt: str) -> Path:
    """output/compare/<name>.<fmt> (root is output/ or the --out folder)."""
    return root / "compare" / f"{name}.{fmt}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def default_name(meeting_ids: Sequence[str], themes: Sequence[str], country: str | None) -> str:
    """compare_<meetings>[_<themes>|_<country>], e.g. 'gfmd2010_gfmd2011_remittances'."""
    parts = list(meeting_ids)
    if country:
        parts.append(_slug(country))
    parts += themes
    return "_".join(parts)


def _source(meeting: Meeting, labels: Labels) -> str:
    doc = meeting.document
    bits = [b for b in (doc.issuer, doc.symbol, labels.date(doc.date) if doc.date else None) if b]
    kind = plain(doc.kind_label)
    return f"{kind} ({', '.join(bits)})" if bits else kind


def _columns(meetings: Iterable[Meeting], labels: Labels) -> list[Column]:
    ordered = sorted(meetings, key=lambda m: (m.facts.start, m.id))
    return [
        Column(m, f"{m.facts.venue.city}, {m.facts.venue.country}", labels.date_range(m.facts.start, m.facts.end), _source(m, labels))
        for m in ordered
    ]


def theme_rows(columns: Sequence[Column], themes: Sequence[schema.Theme]) -> list[ThemeRow]:
    """The overview matrix and, for each theme, the items side by side grouped by kind."""
    per_meeting = {c.id: compared_items(c.meeting) for c in columns}
    rows = []
    for theme in themes:
        on_theme = {c.id: [r for r in per_meeting[c.id] if theme.id in r.themes] for c in columns}
        row = ThemeRow(theme, [len(on_theme[c.id]) for c in columns])
        for kind in ITEM_KINDS:
            cells = [[r for r in on_theme[c.id] if r.kind == kind] for c in columns]
            if any(cells):
                row.groups.append(KindGroup(kind, KIND_HEADINGS[kind], cells))
        rows.append(row)
    return rows


def _check_choice(kind: str, plural: str, value: str, valid: Sequence[str]) -> None:
    if value not in valid:
        raise UsageProblem(f"unknown {kind} '{value}'{did_you_mean(value, valid)}; {plural}: {', '.join(valid)}")


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
    date = request.date or dt.date.today()
    context: dict[str, Any] = {
        "title": request.title or (f"Country brief: {country}" if country else "Comparison brief"),
        "audience": request.audience,
        "brief_date": date,
        "country": country,
        "selected_themes": selected if request.themes else [],
        "columns": columns,
        "labels": labels,
        "date": labels.date,
        "date_range": labels.date_range,
        "draft": False,
    }
    if country:
        views = []
        for column in columns:
            items = [r for r in meeting_items(column.meeting) if r.names(country)]
            if request.themes:
                items = [r for r in items if set(r.themes) & set(request.themes)]
            views.append(CountryColumn(column, country_roles(column.meeting, country), items))
        context["country_view"] = views
    else:
        rows = theme_rows(columns, selected)
        context["rows"] = rows
        context["addressed"] = [r for r in rows if r.meetings]
        context["by_all"] = [r for r in rows if r.meetings == len(columns)]
        context["by_one"] = [(r, columns[[bool(c) for c in r.counts].index(True)]) for r in rows if r.meetings == 1]
        context["country_view"] = None
    return context


def build_brief(project: Project, request: BriefRequest) -> list[Path]:
    """Render the brief (checking everything first), then write each format atomically."""
    if request.name:
        check_name(request.name)
    search_path = template_search_path(project)
    labels = Labels.load(LANGUAGE, search_path)
    context = brief_context(project, request, labels)
    columns: list[Column] = context["columns"]
    name = request.name or default_name(
        [c.id for c in columns], request.themes, context["country"])
    html = Renderer(search_path).render(BRIEF_TEMPLATE, context)
    root = output_root(project, request.out_dir)
    ctx = WriteContext(search_path, context["title"], LANGUAGE, fixed_time(context["brief_date"]))
    written = []
    for fmt in request.formats or FORMATS:
        target = brief_path(root, name, fmt)
        writer_for(fmt)(html, target, ctx)
        written.append(target)
    log.info("brief %s: %d meeting(s), %d file(s)", name, len(columns), len(written))
    return written


def saved_request(project: Project, brief_name: str, **options: Any) -> BriefRequest:
    """The request a saved brief (content/briefs/<name>.yaml) makes, checked against the content.
    `options` (name, date, formats, out_dir) override the defaults; None values are ignored."""
    saved: SavedBrief = load_brief(project, brief_name)
    themes_file, problems = load_themes(project)
    if problems:
        raise ContentError(problems)
    theme_ids = [t.id for t in themes_file.themes] if themes_file else []
    countries = project_countries(project, {}) if saved.brief.country else set()
    problems = reference_problems(saved, project.meeting_ids(), theme_ids, countries)
    if problems:
        raise ContentError(problems)
    brief = saved.brief
    options = {k: v for k, v in options.items() if v is not None}
    options.setdefault("name", brief_name)
    return BriefRequest(tuple(brief.meetings), tuple(brief.themes), brief.country, title=brief.title,
                        audience=brief.audience, **options)
