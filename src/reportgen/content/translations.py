"""Language editions: the translated text of a meeting, beside its original.

The original stays in content/<id>/meeting.yaml. Each other language edition is one file,
content/<id>/translations/<lang>.yaml, holding a translation of every text field:

    language: es
    texts:
      body.roundtable-3-1.heading:
        source: 5be1c0a7d2        # fingerprint of the original text when it was translated
        text: "“Empoderar a los migrantes …”"

Keys never count positions, so inserting or moving a paragraph in the original leaves every
translation in place: a record with an id is named by it (`body.<section id>`, `people.<id>`,
`sessions.<id>`, `footnotes.<id>`), and a text without one (a paragraph, a list item, a table
cell) by an anchor made from its own original text (`~` and ten hexadecimal digits), unique
within the record that holds it. Names, numbers, symbols, dates and ids are not text fields:
an edition takes them from the original.

A translation is stale when the fingerprint beside it is not the original's any more. For an
anchored text the key itself changes with the text, so a translation left without its text is
paired with the untranslated text that took its place (same record, same neighbour before it).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from . import schema
from ..core.errors import Problem
from .language_files import Entry, LanguageFile
from .traverse import walk
from ..core.loader import UNTRANSLATED_CLOSE, UNTRANSLATED_OPEN, KeyPath, Marks

log = logging.getLogger(__name__)

ANCHOR = "~"
# UNTRANSLATED_OPEN and _CLOSE (core/loader.py) go around original text an edition prints
# untranslated; untranslated_html turns them into <span class="untranslated" lang="…">.

# The text fields of each record: what a translator translates. Everything else (names, ids,
# numbers, symbols, dates, countries, places) comes from the original.
TEXT_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    schema.Document: ("issuer", "issuer_chain", "distribution", "status_label", "meeting_lines", "agenda_item",
                      "agenda_item_title", "kind_label", "title", "theme", "subtitle", "cover_lines", "author_note", "footer"),
    schema.CoverNote: ("heading", "addressee", "sender", "subject", "text", "signature"),
    schema.Transmittal: ("body", "at"),
    schema.Meeting: ("title", "short_title", "objectives"),
    schema.Segment: ("title",),
    schema.Process: ("theme", "mandate"),
    schema.Figure: ("unit", "note"),
    schema.Person: ("honorific", "post", "affiliation", "biography"),
    schema.Organisation: ("name",),
    schema.RoleHolder: ("office", "note"),
    schema.Session: ("title", "label", "summary"),
    schema.SpeakerRef: ("affiliation",),
    schema.Agenda: ("note", "amendments"),  # a Wording given as one line; one per language is used as it is
    schema.Speech: ("office",),
    schema.AgendaDay: ("label", "room", "note"),
    schema.AgendaItem: ("label", "note"),
    schema.AgendaTopic: ("title",),
    schema.RelatedDocument: ("title", "kind"),
    schema.Section: ("label", "heading", "blocks", "contents_group"),
    schema.Annex: ("label", "heading", "blocks", "contents_group", "kind", "author"),
    schema.ListItem: ("text", "gist", "lead"),
    schema.TaggedParagraph: ("paragraph",),
    schema.Intervention: ("text",),
    schema.FloorDebate: ("floor_debate",),
    schema.TableBlock: ("table", "columns"),
    schema.Cell: ("text",),
    schema.Amendment: ("delete", "insert", "after"),
    # Places are written in the edition's language (Genève, Ginebra, Женева, 日内瓦, جنيف).
    schema.Venue: ("city", "place"),
    schema.Dateline: ("place",),
}
# The other text-typed fields, and why an edition takes them from the original: names of people,
# places and countries (country names in the edition's language come from the country-name table),
# ids and references, codes, symbols, numbers, dates and times, file names, and data that is not
# prose (a sum's wording for briefs, an organisation's grammatical article in English).
NOT_TEXT: dict[type[BaseModel], tuple[str, ...]] = {
    schema.Document: ("house", "series", "symbol", "summary_symbol", "date", "language", "original_language", "job_number", "logo"),
    schema.CoverNote: ("symbol", "date"),
    schema.Segment: ("id", "venue"),
    schema.Process: ("organisation", "mandate_document"),
    schema.Person: ("id", "name", "short_name", "organisation", "country"),
    schema.RoleHolder: ("person", "organisation", "country"),
    schema.Session: ("id", "number", "start", "end", "moderators", "speakers", "segment"),
    schema.SpeakerRef: ("person", "read_by", "presented"),
    schema.AgendaDay: ("venue", "start", "end"),
    schema.AgendaItem: ("start", "end", "session"),
    schema.Section: ("id", "session", "document"),
    schema.Annex: ("id", "session", "document", "original_language"),
    schema.ListItem: ("countries", "themes", "more"),
    schema.ListBlock: ("items",),
    schema.Intervention: ("intervention", "read_by"),
    schema.TableBlock: ("rows",),
    schema.Amendment: ("amendment", "paragraph", "line"),
    schema.Amount: ("text",),
    schema.Venue: ("id", "country"),
    schema.States: ("members", "participating", "observers", "signatories"),
    schema.Tagged: ("countries",),
    schema.TaggedParagraph: ("countries",),
    schema.Theme: ("id", "label", "labels", "scope"),  # themes.yaml is shared; `labels` gives each language its name
    schema.MeetingFile: ("include", "footnotes"),
    # Chapters written from facts (issue 18): ids, codes and times; their words come from the phrase
    # catalogues, and `titles`/`names` already give one text per language.
    schema.Meeting: ("series", "organ"),
    schema.Agenda: ("symbol",),
    schema.AgendaTopic: ("id", "number", "sessions", "titles", "statements"),
    schema.Attendance: ("members", "associate_members", "observers", "united_nations", "specialized_agencies",
                        "intergovernmental", "non_governmental", "other"),
    schema.Opening: ("time",),
    schema.Closing: ("time",),
    schema.Generate: ("item",),
    schema.Officer: ("person", "country", "organisation"),
    schema.Speech: ("person", "organisation", "country"),
    schema.RelatedDocument: ("id", "symbol", "date", "languages", "original_language", "corrects", "revision_of", "draft_of",
                             "titles", "agenda_items"),
    schema.Organisation: ("id", "acronym", "country", "part_of", "category", "aliases", "article", "names"),
}

# What each field is, for the translator (XLIFF notes) and in messages.
CONTEXT = {"blocks": "paragraph", "text": "text", "heading": "heading", "label": "label", "title": "title",
           "gist": "one-line summary of a list item", "lead": "bold lead-in of a list item",
           "kind_label": "kind line under the title", "subtitle": "line under the title",
           "paragraph": "paragraph", "floor_debate": "floor debate", "table": "table caption",
           "columns": "table column heading", "biography": "biography", "post": "post held",
           "honorific": "honorific before a name", "footnotes": "footnote"}


def fingerprint(text: str) -> str:
    """Ten hexadecimal digits of the SHA-256 of the text, white space runs counted as one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


@dataclass
class TextField:
    """One translatable text of the original, where it sits, and how to replace it."""

    key: str
    source: str
    path: KeyPath  # in the original's YAML, for file:line
    context: str
    owner: Any  # the record (or list) that holds the text
    slot: str | int

    def set(self, text: str) -> None:
        if isinstance(self.owner, (list, dict)):
            self.owner[self.slot] = text
        else:
            setattr(self.owner, self.slot, text)

    @property
    def group(self) -> tuple[str, str]:
        return key_group(self.key)


def key_group(key: str) -> tuple[str, str]:
    """The record an anchored key belongs to and the field it names (for pairing stale texts):
    'body.s1.~0b0ff1e1b2.gist' -> ('body.s1.', 'gist')."""
    head, _, rest = key.partition(ANCHOR)
    return head, rest.partition(".")[2]


# Records whose lists (blocks, list items, table rows, subsections) are named directly in their
# section (body.<id>.~…), whatever block holds them.
_FLAT = (schema.Section, schema.ListBlock, schema.ListItem, schema.TableBlock)


class _Walker:
    """Collects the text fields of a meeting file in document order."""

    def __init__(self) -> None:
        self.fields: list[TextField] = []
        self._anchors: dict[str, int] = {}

    def anchor(self, prefix: str, text: str) -> str:
        base = f"{prefix}.{ANCHOR}{fingerprint(text)}"
        count = self._anchors.get(base, 0) + 1
        self._anchors[base] = count
        return base if count == 1 else f"{base}-{count}"

    def add(self, key: str, owner: Any, slot: str | int, path: KeyPath, context: str) -> None:
        text = owner[slot] if isinstance(owner, (list, dict)) else getattr(owner, slot)
        if isinstance(text, str) and any(c.isalpha() for c in text):  # "4.1", "−0.8": numbers, not text
            self.fields.append(TextField(key, text, path, context, owner, slot))

    def record(self, obj: BaseModel, path: KeyPath, prefix: str) -> None:
        """A record: named by its id when it has one, else by an anchor on its first text."""
        names = TEXT_FIELDS.get(type(obj), ())
        ident = getattr(obj, "id", None)
        if isinstance(ident, str):
            prefix = f"{path[0]}.{ident}"
            own = prefix
        elif not isinstance(path[-1], int):  # a record held by a field (document:, meeting:) is named by it
            own = prefix = ".".join(str(p) for p in path)
        else:
            first = next((getattr(obj, n) for n in names if isinstance(getattr(obj, n), str) and getattr(obj, n).strip()), None)
            own = self.anchor(prefix, first) if first is not None else prefix
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name in names and isinstance(value, str):
                self.add(f"{own}.{name}", obj, name, (*path, name), CONTEXT.get(name, name.replace("_", " ")))
            elif isinstance(value, list) and name in names and name != "blocks":  # lines: document.subtitle.~…
                self.sequence(value, (*path, name), f"{own}.{name}", name)
            elif isinstance(value, list) and isinstance(obj, _FLAT):  # a section's blocks, list items, table rows: named in the section
                self.sequence(value, (*path, name), prefix, name if name in names else None)
            elif isinstance(value, list):  # records held by a field: meeting.participation.~…
                self.sequence(value, (*path, name), f"{own}.{name}", name if name in names else None)
            elif isinstance(value, BaseModel):
                self.record(value, (*path, name), prefix)

    def sequence(self, items: list[Any], path: KeyPath, prefix: str, text_name: str | None) -> None:
        for index, item in enumerate(items):
            if isinstance(item, str) and text_name is not None:
                context = CONTEXT.get(text_name, text_name.replace("_", " "))
                self.add(self.anchor(prefix, item), items, index, (*path, index), context)
            elif isinstance(item, BaseModel):
                self.record(item, (*path, index), prefix)
            elif isinstance(item, list):  # a table row
                self.sequence(item, (*path, index), prefix, text_name)


def text_fields(doc: schema.MeetingFile) -> list[TextField]:
    """Every translatable text of a validated meeting file, in document order."""
    walker = _Walker()
    for name in type(doc).model_fields:
        value = getattr(doc, name)
        if name == "footnotes":
            for ident in value:
                walker.add(f"footnotes.{ident}", value, ident, ("footnotes", ident), "footnote")
        elif isinstance(value, BaseModel):
            walker.record(value, (name,), name)
        elif isinstance(value, list) and name != "include":
            walker.sequence(value, (name,), name, None)
    return walker.fields


# --------------------------------------------------------------------------- status of an edition


@dataclass
class Status:
    """How far an edition is translated."""

    fields: list[TextField]
    translated: dict[str, Entry]  # key -> current translation
    missing: list[TextField]
    stale: list[tuple[Entry, TextField]]  # translation of an earlier text, and the text now there
    orphans: list[Entry]  # translations of text no longer in the original
    # translations that drop or add footnote references of the original: (entry, field, what)
    unfaithful: list[tuple[Entry, TextField, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale and not self.unfaithful


def edition_status(fields: list[TextField], language_file: LanguageFile) -> Status:
    entries = language_file.entries
    translated: dict[str, Entry] = {}
    missing: list[TextField] = []
    stale: list[tuple[Entry, TextField]] = []
    unfaithful: list[tuple[Entry, TextField, str]] = []
    for f in fields:
        entry = entries.get(f.key)
        if entry is None or not entry.text.strip():
            missing.append(f)
        elif entry.source != fingerprint(f.source):
            stale.append((entry, f))
        elif (what := _footnote_difference(f.source, entry.text)):
            unfaithful.append((entry, f, what))
        else:
            translated[f.key] = entry
    current = {f.key for f in fields}
    orphans = [e for e in entries.values() if e.key not in current]
    # An anchored text that changed has a new key: pair its old translation with it when both sit
    # in the same record after the same surviving text.
    order = [e.key for e in entries.values()]
    before_entry = {key: _previous_kept(order, i, current) for i, key in enumerate(order)}
    keys = [f.key for f in fields]
    before_field = {key: _previous_kept(keys, i, set(entries)) for i, key in enumerate(keys)}
    for entry in list(orphans):
        group = key_group(entry.key)
        for f in missing:
            if f.group == group and before_field[f.key] == before_entry[entry.key] and ANCHOR in f.key:
                stale.append((entry, f))
                missing.remove(f)
                orphans.remove(entry)
                break
    return Status(fields, translated, missing, stale, orphans, unfaithful)


_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


def _footnote_difference(source: str, text: str) -> str:
    """What a translation does to the original's footnote references ('' when it keeps them all)."""
    wanted, found = _FOOTNOTE.findall(source), _FOOTNOTE.findall(text)
    lost = [ident for ident in dict.fromkeys(wanted) if found.count(ident) < wanted.count(ident)]
    added = [ident for ident in dict.fromkeys(found) if found.count(ident) > wanted.count(ident)]
    if lost:
        return f"the translation drops the footnote reference [^{lost[0]}] of the original"
    if added:
        return f"the translation adds a footnote reference [^{added[0]}] the original does not have"
    return ""


def _previous_kept(keys: list[str], index: int, kept: set[str]) -> str:
    for key in reversed(keys[:index]):
        if key in kept:
            return key
    return ""


def _first_words(text: str, words: int = 8) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def status_problems(status: Status, language_file: LanguageFile, marks: Marks) -> list[Problem]:
    """Every untranslated text (at its place in the original) and every stale or orphaned
    translation (at its place in the language file), one line each."""
    lang, display = language_file.language, language_file.display
    problems = list(language_file.problems)
    for f in status.missing:
        mark = marks.locate(f.path)
        line, column = (mark.line, mark.column) if mark else (1, 1)
        problems.append(Problem(mark.file if mark else display, line, column, f.key,
                                f"no {lang} translation of this {f.context} (“{_first_words(f.source)}”)"))
    for entry, f in status.stale:
        problems.append(Problem(display, entry.line, entry.column, entry.key,
                                f"stale: the original {f.context} changed since it was translated (now “{_first_words(f.source)}”)"))
    for entry, f, what in status.unfaithful:
        problems.append(Problem(display, entry.line, entry.column, entry.key, what))
    for entry in status.orphans:
        problems.append(Problem(display, entry.line, entry.column, entry.key,
                                "translates a text no longer in the original (delete it, or translate the text that replaced it)"))
    return problems


# --------------------------------------------------------------------------- building an edition


def mark_untranslated(text: str) -> str:
    """The original text, each paragraph between the markers the renderer shows as untranslated."""
    parts = re.split(r"(\n\s*\n)", text.strip())
    return "".join(p if i % 2 else f"{UNTRANSLATED_OPEN}{p}{UNTRANSLATED_CLOSE}" for i, p in enumerate(parts))


# Fields naming a country that templates print as written (the role holder given by its country,
# a venue's country, a person's or organisation's country, the typed lists of States). Chapters
# written from facts look their countries up themselves (render/assembly.py).
COUNTRY_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    schema.RoleHolder: ("country",),
    schema.Venue: ("country",),
    schema.Person: ("country",),
    schema.Organisation: ("country",),
    schema.States: ("members", "participating", "observers", "signatories"),
}


def localise_countries(doc: schema.MeetingFile, name: Callable[[str], str]) -> None:
    """Write every country the templates print in the edition's language (`name`: the United
    Nations short name of a country given by code or English name, else the text as written)."""
    for _, node in walk(doc):
        for attribute in COUNTRY_FIELDS.get(type(node), ()):
            value = getattr(node, attribute)
            if isinstance(value, str):
                setattr(node, attribute, name(value))
            elif isinstance(value, list):
                value[:] = [name(v) if isinstance(v, str) else v for v in value]


def translate_document(doc: schema.MeetingFile, status_of: Any, language: str, *, allow_untranslated: bool,
                       country_name: Callable[[str], str] | None = None) -> tuple[schema.MeetingFile, Status]:
    """A copy of the meeting file with every text in `language` (and its countries, through
    `country_name`); the edition's masthead names the original's language. `status_of` gives the
    Status of the copy's text fields."""
    edition = doc.model_copy(deep=True)
    if country_name is not None:
        localise_countries(edition, country_name)
    fields = text_fields(edition)
    status: Status = status_of(fields)
    untranslated = {f.key for f in status.missing} | {f.key for _, f in status.stale} | {f.key for _, f, _ in status.unfaithful}
    for f in fields:
        if f.key in status.translated:
            f.set(status.translated[f.key].text)
        elif f.key in untranslated and allow_untranslated:
            f.set(mark_untranslated(f.source))
    original = doc.document.original_language or doc.document.language
    edition.document.original_language = original
    edition.document.language = language
    if edition.document.language_line is None:  # an edition names its language above "Original:"
        edition.document.language_line = True
    return edition, status


_TOKENS = re.compile(f"(<[^>]*>|[{UNTRANSLATED_OPEN}{UNTRANSLATED_CLOSE}])")
_VOID = re.compile(r"<(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b|<[!?]|.*/>\Z", re.IGNORECASE | re.DOTALL)


def untranslated_html(html: str, original_language: str, direction: str = "") -> str:
    """Turn the markers of untranslated text into <span class="untranslated" lang="…">, with the
    original's `direction` when it differs from the edition's (English text in an Arabic edition
    keeps its full stops at its end).

    Markers inside a tag (an attribute such as a meta description) are dropped; a span opened
    in an element is closed no later than that element, so a template that prints only part of
    a text (a first sentence) still gives well-formed HTML."""
    if UNTRANSLATED_OPEN not in html and UNTRANSLATED_CLOSE not in html:
        return html
    opening = f'<span class="untranslated" lang="{original_language}"' + (f' dir="{direction}">' if direction else ">")
    out: list[str] = []
    depth, opened = 0, -1  # element depth, and the depth of the open span (-1: none)
    for token in _TOKENS.split(html):
        if token == UNTRANSLATED_OPEN:
            if opened < 0:
                out.append(opening)
                opened = depth
        elif token == UNTRANSLATED_CLOSE:
            if opened == depth:
                out.append("</span>")
                opened = -1
        elif token.startswith("<"):
            token = strip_markers(token)
            if token.startswith("</"):
                if opened == depth:
                    out.append("</span>")
                    opened = -1
                depth -= 1
            elif not _VOID.match(token):
                depth += 1
            out.append(token)
        else:
            out.append(token)
    return "".join(out)


def strip_markers(text: str) -> str:
    return text.replace(UNTRANSLATED_OPEN, "").replace(UNTRANSLATED_CLOSE, "")

