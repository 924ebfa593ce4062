"""Document assembly: the formulaic chapters of a report written from the meeting's facts.

A `- generate: organization` block (or one of its parts, or `documents-before` and `statements`
for an agenda item) becomes pieces: headings, paragraphs made of sentences, and lists. Every
sentence and list line carries the places (file:line) of the facts it was written from, which the
template prints as data-facts and `reportgen serve` shows on hover. The words come from the
phrase catalogue of the document's language (phrases.py); this module decides what to say.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from ..content import schema
from ..content.assembly_checks import agenda_topics
from ..content.model import Meeting
from ..core.loader import KeyPath, Marks
from ..style.country_names import CountryNames
from ..style.grammar import Forms, fill
from ..style.phrases import Phrases, capitalise

log = logging.getLogger(__name__)

STATE_CATEGORIES = ("members", "associate_members", "observers")
ORGANISATION_CATEGORIES = ("united_nations", "specialized_agencies", "intergovernmental", "non_governmental", "other")


@dataclass
class Sentence:
    """Generated text and where its facts are written (file:line of each)."""

    text: str
    facts: list[str]
    children: list[Sentence] = field(default_factory=list)
    """Lines under this one (an agenda item's sub-items), printed as a list inside its line."""

    @property
    def trace(self) -> str:
        return " ".join(dict.fromkeys(self.facts))


@dataclass
class Piece:
    """A heading, a paragraph of sentences, or a list of lines, as the template prints it."""

    kind: str  # "heading", "para", "list"
    sentences: list[Sentence] = field(default_factory=list)
    id: str = ""
    label: str = ""
    level: int = 2
    space: str = " "
    """What separates the sentences of a paragraph (the catalogue's word_space: nothing in Chinese)."""


def one_stop(text: str) -> str:
    """A sentence ending in an abbreviation ('10 a.m.', 'Corp.') takes no second full stop."""
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def located(meeting: Meeting, path: KeyPath) -> str:
    """'content/x/meeting.yaml:12' for a key path of the meeting's files."""
    marks: Marks | None = getattr(meeting.doc, "_marks", None)
    mark = marks.locate(path) if marks is not None else None
    return f"{mark.file}:{mark.line}" if mark else ""


class Assembler:
    """Writes generated blocks for one meeting in one language."""

    def __init__(self, meeting: Meeting, phrases: Phrases, countries: CountryNames) -> None:
        self.m = meeting
        self.p = phrases
        self.countries = countries
        self.lang = phrases.language
        self.proc = meeting.doc.proceedings or schema.Proceedings()
        facts = meeting.facts
        organ = self.p["organs"].get(facts.organ or "meeting") or self.p["organs"]["meeting"]
        number = facts.session_number
        ordinal = self.p.ordinal(number, organ["session_gender"]) if number else ""
        self.words: dict[str, Any] = {}
        self.p.defaults = self.words  # every phrase may name the meeting
        # Words with forms (Russian cases) print the form a phrase names: {the_session:gen} (grammar.py).
        self.words |= {
            "the_organ": Forms(organ["the"]), "The_organ": Forms(organ["The"]), "of_the_organ": Forms(organ["of_the"]),
            "agr": organ.get("agr", ""), "session": str(organ["session"]).format(ordinal=ordinal),
            "the_session": Forms(organ["the_session"]), "The_session": Forms(organ["the_session"]).map(capitalise),
        }
        self.words["of_parent"] = fill(str(self.p["of_parent"]), self.words, {})
        venue = facts.venue
        city = venue.city if venue else ""
        self.words.update(city=city, place=(venue.place or city) if venue else "", chaired=self._chaired())

    def _chaired(self) -> str:
        """', under the chairmanship of Ambassador A, Permanent Representative of Guatemala' from the
        elected Chair, else the meeting's chairs; nothing if neither is known."""
        chair = next((o for o in self.proc.officers if o.office == "chair"), None)
        if chair is not None and chair.person:
            holder = schema.RoleHolder(person=chair.person)
        elif self.m.facts.chairs:
            holder = self.m.facts.chairs[0]
        else:
            return ""
        text = self.holder(holder, running=True)
        person = self.m.people.get(holder.person or "")
        if person is not None and person.post:
            text = f"{text}, {person.post}"
        return self.p.say("chaired_by", chair=text, chair_agr=self.agreement(holder.person))

    def agreement(self, person_id: str | None) -> str:
        """The ending a verb takes after this person (the catalogue's `agreement` for their gender)."""
        person = self.m.people.get(person_id or "")
        return self.p.agreement(person.gender if person is not None else None)

    # ------------------------------------------------------------------ facts as words

    def at(self, *path: Any) -> str:
        return located(self.m, tuple(path))

    def say(self, key: str, facts: list[str], count: int | None = None, variant: str | None = None, **fill: Any) -> Sentence:
        return Sentence(one_stop(self.p.say(key, count, variant, **{**self.words, **fill})), [f for f in facts if f])

    def wording(self, value: str | dict[str, str]) -> str:
        if isinstance(value, dict):
            return value.get(self.lang) or value.get("en") or next(iter(value.values()))
        return value

    def country(self, name: str) -> str:
        return self.countries.name(name, self.lang)

    def organisation(self, org_id: str) -> str:
        org = self.m.organisations[org_id]
        return org.names.get(self.lang) or org.name

    def person(self, person_id: str, country: str | None = None, organisation: str | None = None, running: bool = False) -> str:
        """A person as printed: honorific (from the gender, in running text with the article Spanish
        gives it: 'el Sr.'), name, and the country or organisation in brackets."""
        person = self.m.people[person_id]
        forms = self.p["honorifics_running" if running else "honorifics"]
        honorific = person.honorific or (forms.get(person.gender[0], "") if person.gender else "")
        name = self.p.named(honorific, person.name) if person.name else person.display_name
        where = self.country(country) if country else self.organisation(organisation) if organisation else ""
        return self.p.say("holder_with_country", name=name, country=where) if where else name

    def holder(self, holder: schema.RoleHolder, running: bool = False) -> str:
        if holder.person:
            return self.person(holder.person, running=running)
        if holder.organisation:
            return self.organisation(holder.organisation)
        return self.country(holder.country) if holder.country else holder.office or ""

    def speech(self, speech: schema.Speech) -> str:
        """'the Executive Secretary of ESCAP', 'Ms. A (Chile)', 'Mr. B, Minister of …, on behalf of …'."""
        text = self.person(speech.person, speech.country, speech.organisation, running=True) if speech.person else ""
        if speech.office:
            office = self.wording(speech.office)
            text = f"{text}{self.comma}{self.p.space}{office}" if text else office
        elif not speech.person and (speech.country or speech.organisation):
            text = self.country(speech.country) if speech.country else self.organisation(speech.organisation or "")
        if speech.on_behalf_of:
            text += ", " + self.p.say("on_behalf_of", holder=self.holder(speech.on_behalf_of))
        return text

    def subject(self, speech: schema.Speech) -> str:
        """A speaker starting a sentence; an apposition ('Ms. A, Executive Secretary of ECLAC') is closed by a comma."""
        text = capitalise(self.speech(speech))
        return text + self.comma if self.comma in text else text

    @property
    def comma(self) -> str:
        """The language's comma (the label catalogue's: Arabic "،", Chinese "，")."""
        return str(self.p.labels.get("comma") or ",").strip() or ","

    def attendance(self) -> tuple[dict[str, list[str]], dict[str, KeyPath]]:
        """Attending countries and organisations by category, and where each list is written; the
        States lists of `meeting.states` stand in for attendance lists not given."""
        lists: dict[str, list[str]] = {}
        paths: dict[str, KeyPath] = {}
        given = self.proc.attendance
        for name in (*STATE_CATEGORIES, *ORGANISATION_CATEGORIES):
            items = getattr(given, name) if given else []
            if items:
                lists[name], paths[name] = list(items), ("proceedings", "attendance", name)
        states = self.m.facts.states
        if states is not None:
            for name, standing in (("members", "participating"), ("observers", "observers")):
                if name not in lists and getattr(states, standing):
                    lists[name], paths[name] = list(getattr(states, standing)), ("meeting", "states", standing)
        return lists, paths

    def moment(self, day: Any, time: str | None = None) -> str:
        """'on 29 November 2017 at 10 a.m.' (the time only if given)."""
        text = self.p.on(day)
        return f"{text}{self.p.space}{self.p.say('at_time', time=self.p.labels.time_range(time, None))}" if time else text

    def on_date(self, day: Any, time: str | None = None) -> str:
        """The optional date of a sentence: ' on 29 November 2017', or nothing without a date."""
        return self.p.space + self.moment(day, time) if day is not None else ""

    # ------------------------------------------------------------------ the parts

    def opening(self) -> list[Piece]:
        facts = self.m.facts
        where = [self.at("meeting", "venue", "city"), self.at("meeting", "start"), self.at("meeting", "end"),
                 self.at("meeting", "organ"), self.at("meeting", "session_number")]
        when = self.p.span(facts.start, facts.end)
        key = "held" if facts.session_number else "held_unnumbered"
        sentences = [self.say(key, where, when=when)] if facts.venue else []
        opening = self.proc.opening
        if opening and opening.by:
            key = "opened_with_address" if opening.welcome_address else "opened"
            day = opening.date or (facts.start if opening.time else None)
            sentences.append(self.say(key, [self.at("proceedings", "opening", "by"), self.at("proceedings", "opening", "date"),
                                            self.at("proceedings", "opening", "time")],
                                      By=self.subject(opening.by), By_agr=self.agreement(opening.by.person),
                                      on_date=self.on_date(day, opening.time)))
        if opening and opening.statements:
            names = [self.speech(s) for s in opening.statements]
            sentences.append(self.say("opening_statements", [self.at("proceedings", "opening", "statements", i) for i in range(len(names))],
                                      count=len(names), list=self.p.join(names), list_agr=self._one_speaker(opening.statements)))
        return [Piece("para", sentences)] if sentences else []

    def attendance_part(self) -> list[Piece]:
        lists, paths = self.attendance()
        pieces = []
        for group in (STATE_CATEGORIES, ORGANISATION_CATEGORIES):
            sentences = []
            for name in group:
                if name not in lists:
                    continue
                items = lists[name]
                words = [self.country(c) for c in items] if name in STATE_CATEGORIES else [self.organisation(o) for o in items]
                sentences.append(self.say(f"attendance_{name}", [self.at(*paths[name])], count=len(items),
                                          n=self.p.number(len(items)), list=self.p.join(words)))
            if sentences:
                pieces.append(Piece("para", sentences))
        return pieces

    def officers(self) -> list[Piece]:
        officers = self.proc.officers
        if not officers:
            return []
        groups: dict[str, list[int]] = {}
        for i, officer in enumerate(officers):
            groups.setdefault(officer.office, []).append(i)
        hows, days = {o.how for o in officers}, {o.date for o in officers}
        how = self.p.space + self.p["elected_how"][officers[0].how] if len(hows) == 1 and officers[0].how else ""
        on_date = self.on_date(officers[0].date) if len(days) == 1 else ""  # one date for all, or none printed
        entries = []
        for office, indexes in groups.items():
            holders = [self._officer(officers[i]) for i in indexes]
            genders = [self.m.people[officers[i].person].gender if officers[i].person else None for i in indexes]
            entries.append((self.p.office(office, genders), self.p.join(holders), [self.at("proceedings", "officers", i) for i in indexes]))
        intro_facts = [self.at("proceedings", "officers")]
        if self.p["officers_style"] == "list":
            lines = [Sentence(self.p.say("officer_line", office=o, holders=h), f) for o, h, f in entries]
            return [Piece("para", [self.say("officers_elected", intro_facts, how=how, on_date=on_date)]), Piece("list", lines)]
        intro = self.say("officers_elected", intro_facts, how=how, on_date=on_date)
        body = str(self.p["officer_separator"]).join(self.p.say("officer_entry", office=o, holders=h) for o, h, _ in entries)
        facts = intro.facts + [f for _, _, fs in entries for f in fs]
        return [Piece("para", [Sentence(one_stop(f"{intro.text} {body}."), facts)])]

    def _officer(self, officer: schema.Officer) -> str:
        if officer.person:
            person = self.m.people[officer.person]
            return self.person(officer.person, officer.country or (None if officer.organisation else person.country), officer.organisation)
        return self.country(officer.country) if officer.country else self.organisation(officer.organisation or "")

    def agenda(self) -> list[Piece]:
        agenda = self.m.doc.agenda
        if agenda is None or not agenda.items:
            return []
        symbol = self.p.say("agenda_symbol", symbol=agenda.symbol) if agenda.symbol else ""
        key = "agenda_adopted_amended" if agenda.amendments else "agenda_adopted"
        facts = [self.at("agenda", "symbol"), self.at("agenda", "adopted"), self.at("agenda", "amendments")]
        pieces = [Piece("para", [self.say(key, facts, symbol=symbol, on_date=self.on_date(agenda.adopted))])]

        def lines(items: list[schema.AgendaTopic], path: KeyPath) -> list[Sentence]:
            found = []
            for i, item in enumerate(items):
                title = item.titles.get(self.lang) or item.title
                found.append(Sentence(f"{item.number} {title}" if item.number else title, [self.at(*path, i)],
                                      lines(item.items, (*path, i, "items"))))
            return found

        pieces.append(Piece("list", lines(agenda.items, ("agenda", "items"))))
        if agenda.amendments:
            pieces.append(Piece("para", [self.say("agenda_amendments", [self.at("agenda", "amendments", i) for i in range(len(agenda.amendments))],
                                                  amendments=" ".join(self.wording(a) for a in agenda.amendments))]))
        return pieces

    def _document(self, doc: schema.RelatedDocument) -> str:
        title = doc.titles.get(self.lang) or doc.title or doc.kind or ""
        if not title:
            return doc.symbol or ""
        return self.p.say("document_entry", title=title, symbol=doc.symbol) if doc.symbol else title

    def documentation(self) -> list[Piece]:
        docs = self.m.doc.documents
        if not docs:
            return []
        lines = [Sentence(self._document(d), [self.at("documents", i)]) for i, d in enumerate(docs)]
        return [Piece("para", [self.say("documentation", [self.at("documents")], count=len(docs))]), Piece("list", lines)]

    def report(self) -> list[Piece]:
        report = self.proc.report
        if report is None:
            return []
        facts = [self.at("proceedings", "report")]
        when = self.p.on(report.date)
        if report.by:
            return [Piece("para", [self.say("report_adopted_by", facts, By=capitalise(self.holder(report.by)),
                                            By_agr=self.agreement(report.by.person), when=when)])]
        return [Piece("para", [self.say("report_adopted", facts, variant=report.amended, when=when)])]

    def closing(self) -> list[Piece]:
        closing = self.proc.closing
        if closing is None:
            return []
        sentences = []
        if closing.by:
            day = closing.date or self.m.facts.end or self.m.facts.start
            sentences.append(self.say("closed", [self.at("proceedings", "closing")], By=self.subject(closing.by),
                                      By_agr=self.agreement(closing.by.person), when=self.moment(day, closing.time)))
        if closing.statements:
            names = [self.speech(s) for s in closing.statements]
            sentences.append(self.say("closing_statements", [self.at("proceedings", "closing", "statements", i) for i in range(len(names))],
                                      count=len(names), list=self.p.join(names), list_agr=self._one_speaker(closing.statements)))
        return [Piece("para", sentences)] if sentences else []

    def _one_speaker(self, speeches: list[schema.Speech]) -> str:
        """The agreement ending for a list of one speaker ('выступила'); none for several."""
        return self.agreement(speeches[0].person) if len(speeches) == 1 else ""

    # ------------------------------------------------------------------ per agenda item

    def topic(self, item_id: str) -> tuple[schema.AgendaTopic, KeyPath]:
        for topic, path in agenda_topics(self.m.doc):
            if topic.id == item_id:
                return topic, path
        raise KeyError(item_id)  # validation has checked the id

    def documents_before(self, item_id: str) -> list[Piece]:
        found = [(i, d) for i, d in enumerate(self.m.doc.documents) if item_id in d.agenda_items]
        if not found:
            return []
        return [Piece("para", [self.say("documents_before", [self.at("documents", i) for i, _ in found], count=len(found),
                                        list=self.p.join([self._document(d) for _, d in found]))])]

    def statements(self, item_id: str) -> list[Piece]:
        topic, path = self.topic(item_id)
        if not topic.statements:
            return []
        lists, _ = self.attendance()
        category = {self.countries.code(c) or c: name for name in STATE_CATEGORIES for c in lists.get(name, [])}
        groups: dict[str, list[int]] = {}
        for i, who in enumerate(topic.statements):
            if who in self.m.organisations:
                groups.setdefault("organisations", []).append(i)
            else:
                groups.setdefault(category.get(self.countries.code(who) or who, "states"), []).append(i)
        sentences = []
        for name in (*STATE_CATEGORIES, "states", "organisations"):
            if name in groups:
                who = [topic.statements[i] for i in groups[name]]
                words = [self.organisation(w) for w in who] if name == "organisations" else [self.country(w) for w in who]
                sentences.append(self.say(f"statements_{name}", [self.at(*path, "statements", i) for i in groups[name]],
                                          count=len(who), list=self.p.join(words)))
        return [Piece("para", sentences)]

    # ------------------------------------------------------------------ a block

    def part(self, name: str) -> list[Piece]:
        return {"opening": self.opening, "attendance": self.attendance_part, "officers": self.officers, "agenda": self.agenda,
                "documentation": self.documentation, "report": self.report, "closing": self.closing}[name]()

    def block(self, block: schema.Generate, section_id: str = "generated", level: int = 2) -> list[Piece]:
        """The pieces of one generated block; `organization` gives each part with facts a lettered subheading."""
        pieces = self._pieces(block, section_id, level)
        for piece in pieces:
            piece.space = self.p.space
        return pieces

    def _pieces(self, block: schema.Generate, section_id: str, level: int) -> list[Piece]:
        if block.generate == "documents-before":
            return self.documents_before(block.item or "")
        if block.generate == "statements":
            return self.statements(block.item or "")
        if block.generate != "organization":
            return self.part(block.generate)
        pieces: list[Piece] = []
        labels = iter(self.p["heading_labels"])
        for name in schema.GENERATED_PARTS:
            found = self.part(name)
            if not found:
                continue
            if block.headings:
                heading = Sentence(fill(str(self.p["headings"][name]), self.words, {}), [])
                label = str(next(labels))
                pieces.append(Piece("heading", [heading], id=f"{section_id}-{name}", label=label, level=min(level, 4)))
            pieces += found
        return pieces

