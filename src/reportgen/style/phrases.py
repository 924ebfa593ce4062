"""Phrase catalogues: the sentences of chapters written from facts, per language and per house.

Catalogues are templates/phrases/<lang>.yaml, found through the template search path like the
label catalogues (packaged, then the house's, then the project's, phrase by phrase; a mapping such
as `organs` or `offices` is merged entry by entry). This module only words things: it joins lists
by the language's CLDR list patterns, agrees offices with their holders and spells dates, ordinals
and small numbers; what to say is decided by assembly.py. What a grammar needs beyond that (words
with case forms, count agreement by CLDR plural category, contractions) is data too: grammar.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import string
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.lists import format_list

from ..core.errors import ContentError, Problem
from .grammar import Forms, by_count, compose_ordinal, fill, form_names, ordinal_tens_problems, plural_category
from .labels import Labels, load_catalogue

log = logging.getLogger(__name__)

PHRASES_FOLDER = "phrases"
# Placeholders every phrase may use: the words naming what met and its session (assembly.py).
# The endings a verb takes after the person a phrase names (Russian "открыл-а", Arabic "افتتح-ت"), from
# the catalogue's `agreement`: {By_agr} for who opens, closes or adopts, {chair_agr} for the Chair,
# {list_agr} for the one speaker of a list; empty where the phrase names no single person.
AGREEMENT_WORDS = frozenset({"By_agr", "chair_agr", "list_agr"})
MEETING_WORDS = frozenset({"the_organ", "The_organ", "of_the_organ", "agr", "session", "the_session", "The_session", "of_parent",
                          "city", "place", "chaired"}) | AGREEMENT_WORDS
# Commas of any script: an item holding one is joined by the catalogue's list_with_commas.
COMMAS = (",", "\u060c", "\uff0c")


class Phrases:
    """The phrase catalogue of one language, with the label catalogue whose months it uses."""

    def __init__(self, language: str, values: dict[str, Any], labels: Labels) -> None:
        self.language = language
        self._values = values
        self.labels = labels
        # The words naming the meeting (MEETING_WORDS), which any phrase may use; set by the assembler.
        self.defaults: dict[str, Any] = {}

    @classmethod
    def load(cls, labels: Labels, search_path: Sequence[Path]) -> Phrases:
        values, problems = load_catalogue(labels.language, search_path, PHRASES_FOLDER, MEETING_WORDS)
        try:
            Locale.parse(str(values.get("list_locale", labels.language)))
        except (ValueError, UnknownLocaleError):
            problems.append(Problem(f"{PHRASES_FOLDER}/{labels.language}.yaml", 1, 1, "list_locale",
                                    f"unknown CLDR locale {values.get('list_locale')!r} (e.g. en_GB, es, fr)"))
        problems += entry_problems(values, f"{PHRASES_FOLDER}/{labels.language}.yaml")
        if problems:
            raise ContentError(problems)
        return cls(labels.language, values, labels)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    # ------------------------------------------------------------------ choosing and filling a phrase

    @property
    def locale(self) -> str:
        return str(self._values.get("list_locale", self.language))

    def pick(self, key: str, count: int | None = None, variant: str | None = None) -> str:
        """Phrase `key`: its `variant` entry, else its `one` or `many` entry by `count`, else itself;
        an entry given per CLDR plural category takes the category of `count` (grammar.py)."""
        phrase = self._values[key]
        if isinstance(phrase, dict) and "other" not in phrase:  # "other": given per CLDR plural category
            if variant is not None and variant in phrase:
                phrase = phrase[variant]
            else:
                phrase = phrase["one" if count == 1 else "many"]
        return by_count(phrase, count, self.locale)

    def say(self, key: str, count: int | None = None, variant: str | None = None, **values: Any) -> str:
        """Phrase `key` with its placeholders filled (a placeholder the phrase does not use is ignored).
        Validation allows only the placeholders each phrase is given and the meeting's words, so a
        missing value can only be a meeting word not yet known; it prints as nothing. The label
        catalogue's contractions join a phrase's last word to the value after it ('au nom du Comité')."""
        return fill(self.pick(key, count, variant), {**self.defaults, **values}, self.labels.get("contractions") or {})

    def agreement(self, gender: str | None) -> str:
        """The ending a verb takes after one person of `gender` ('female', 'male'; None: not a person, or not known)."""
        forms = self._values.get("agreement") or {}
        return str(forms.get(gender[0] if gender else "other", forms.get("other", "")))

    def named(self, honorific: str, name: str) -> str:
        """A name with its honorific, in the language's order ('Ms. Anaru Tevita', 'Anaru Tevita女士')."""
        if not honorific:
            return name
        return str(self._values.get("honorific_name", "{honorific} {name}")).format(honorific=honorific, name=name)

    @property
    def space(self) -> str:
        """What separates words the assembler puts together (a space; nothing in Chinese)."""
        return str(self._values.get("word_space", " "))

    # ------------------------------------------------------------------ lists

    def join(self, items: Sequence[str]) -> str:
        """Items joined by the language's list pattern ('A, B and C', 'A, B y C', 'A, B et C': CLDR's,
        or the catalogue's own `list_patterns`: Arabic 'A، وB، وC'); items holding commas are joined
        by the catalogue's list_with_commas patterns instead (semicolons)."""
        items = [str(i) for i in items]
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        patterns = self._values.get("list_patterns") or {}
        if any(mark in item for item in items for mark in COMMAS):
            patterns = self._values["list_with_commas"]
        if patterns:
            if len(items) == 2:
                joined = patterns["two"].format(first=items[0], second=items[1])
            else:
                joined = items[0]
                for item in items[1:-1]:
                    joined = patterns["middle"].format(first=joined, second=item)
                joined = patterns["end"].format(first=joined, second=items[-1])
        else:
            joined = format_list(items, style="standard", locale=self.locale)
        return self._and_before(joined, items[-1])

    def _and_before(self, joined: str, last: str) -> str:
        """Spanish 'e' for 'y' before a word sounding i-: the last conjunction, just before the last item."""
        for pattern, word in (self._values.get("list_and_before") or {}).items():
            if re.match(pattern, last):
                # The conjunction is the word just before the last item: replace that word only.
                head = joined[: len(joined) - len(last)]
                return re.sub(r"\S+(\s+)$", lambda m: word + m.group(1), head) + last
        return joined

    # ------------------------------------------------------------------ words

    def number(self, n: int) -> str:
        """A count as printed: words up to nine, figures above (UN editorial rules); with `numbers`
        given per form (Russian cases), a word whose forms a phrase names ('{n:gen}')."""
        words = self._values.get("numbers") or []
        if isinstance(words, dict):
            return Forms({form: str(ws[n]) for form, ws in words.items()}) if 0 <= n < 10 else self.labels.number(n)
        return str(words[n]) if 0 <= n < len(words) else self.labels.number(n)

    def ordinal(self, n: int, gender: str) -> str:
        """'first', 'primer'/'primera', 'premier'/'première' from the catalogue's list; beyond it,
        composed by its `ordinal_tens` ('seventy-fourth', 'soixante-quatorzième'); else the figure."""
        forms = [str(f) for f in (self._values.get("ordinals") or {}).get(gender) or []]
        if 1 <= n <= len(forms):
            return forms[n - 1]
        return compose_ordinal(n, gender, self._values.get("ordinal_tens") or {}, forms) or str(n)

    def office(self, office: str, genders: Sequence[str | None]) -> str:
        """An office agreeing with its holders: 'Presidenta', 'Vice-Présidents'; without a gender for
        every holder, the neutral form ('Presidencia', 'Chair')."""
        forms = self._values["offices"][office]
        many = len(genders) > 1
        # A number the language has a form for beyond one and many (the Arabic dual: 'two', 'f_two').
        category = plural_category(len(genders), self.locale) if many else ""
        if genders and all(g is not None for g in genders):
            key = "f" if all(g == "female" for g in genders) else "m"
            for name in (f"{key}_{category}", f"{key}_many" if many else key):
                if name in forms:
                    return str(forms[name])
        return str(forms.get(category) or forms["many" if many else "one"])

    # ------------------------------------------------------------------ dates

    def _day(self, day: dt.date) -> str:
        return str(self._values.get("first_day", "1")) if day.day == 1 else str(day.day)

    def date(self, day: dt.date) -> str:
        """A date in the label catalogue's format, the first of the month as the language writes it (1er)."""
        return str(self.labels["date_format"]).format(day=self._day(day), month=self.labels["months"][day.month - 1], year=day.year)

    def on(self, day: dt.date) -> str:
        """'on 1 December 2017', 'el 1 de diciembre de 2017', 'le 1er décembre 2017'."""
        return self.say("on_date", date=self.date(day))

    def span(self, start: dt.date, end: dt.date | None) -> str:
        """'from 29 November to 1 December 2017', 'del 29 de noviembre al 1 de diciembre de 2017'."""
        if end is None or end == start:
            return self.on(start)
        months = self.labels["months"]
        if (start.year, start.month) == (end.year, end.month):
            key = "span_two_days" if (end - start).days == 1 else "span_same_month"
            return self.say(key, day1=self._day(start), day2=self._day(end), month=months[start.month - 1], year=start.year)
        if start.year == end.year:
            return self.say("span_same_year", day1=self._day(start), month1=months[start.month - 1],
                            day2=self._day(end), month2=months[end.month - 1], year=start.year)
        return self.say("span_other", date1=self.date(start), date2=self.date(end))


ORGAN_KEYS = ("the", "The", "of_the", "session", "session_gender", "the_session")
OFFICE_KEYS = ("one", "many")
# Organ words a phrase may ask in a named form ({the_session:gen}): a text, or a mapping of forms.
WORDS_WITH_FORMS = ("the", "The", "of_the", "the_session")


def entry_problems(values: dict[str, Any], where: str) -> list[Problem]:
    """Each organ and office of the merged catalogue (a house or project may add new ones) has the
    entries generation needs, an organ's session names only {ordinal} and its gender is one the
    ordinals have; every form a phrase names ({the_session:gen}, {n:gen}) is a form the catalogue gives."""
    problems = []
    for pattern in values.get("list_and_before") or {}:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(Problem(where, 1, 1, "list_and_before", f"not a regular expression: {pattern!r} ({exc})"))
    patterns = values.get("list_patterns") or {}
    if patterns and (set(patterns) != {"two", "middle", "end"} or any(
            not isinstance(v, str) or _unknown(v, {"first", "second"}) for v in patterns.values())):
        problems.append(Problem(where, 1, 1, "list_patterns", "expected two, middle and end, each a text using only {first} and {second}"))
    genders = sorted(values.get("ordinals") or {})
    problems += [Problem(where, 1, 1, path, message) for path, message in ordinal_tens_problems(values.get("ordinal_tens") or {}, genders)]
    forms: set[str] = set(values["numbers"]) if isinstance(values.get("numbers"), dict) else set()
    for kind, needed in (("organs", ORGAN_KEYS), ("offices", OFFICE_KEYS)):
        for name, entry in (values.get(kind) or {}).items():
            path = f"{kind}.{name}"
            if not isinstance(entry, dict):
                problems.append(Problem(where, 1, 1, path, "expected a mapping of " + ", ".join(needed)))
                continue
            missing = [k for k in needed if not isinstance(entry.get(k), str) and not (
                kind == "organs" and k in WORDS_WITH_FORMS and _forms(entry.get(k)))]
            if missing:
                problems.append(Problem(where, 1, 1, path, "missing " + ", ".join(missing) + " (each a text"
                                        + (", or a mapping of its forms)" if kind == "organs" else ")")))
            elif kind == "organs" and entry["session_gender"] not in genders:
                problems.append(Problem(where, 1, 1, f"{path}.session_gender", "expected one of the ordinals' genders: " + ", ".join(genders)))
            elif kind == "organs" and _unknown(entry["session"], {"ordinal"}):
                problems.append(Problem(where, 1, 1, f"{path}.session", "use only {ordinal} (e.g. '{ordinal} session')"))
            elif kind == "organs":
                forms |= {form for k in WORDS_WITH_FORMS if isinstance(entry[k], dict) for form in entry[k]}
    for key, phrase in values.items():
        for path, text in _texts(key, phrase):
            unknown = sorted(form_names(text) - forms)
            if unknown:
                problems.append(Problem(where, 1, 1, path, f"unknown form '{unknown[0]}' (the forms given: {', '.join(sorted(forms)) or 'none'})"))
    return problems


def _forms(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _texts(path: str, value: Any) -> list[tuple[str, str]]:
    """Every phrase text of a catalogue entry with its key path (organs and offices hold words, not phrases)."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict) and path not in ("organs", "offices"):
        return [found for name, inner in value.items() for found in _texts(f"{path}.{name}", inner)]
    return []


def _unknown(text: str, allowed: set[str]) -> bool:
    try:
        return any(name is not None and name not in allowed for _, name, _, _ in string.Formatter().parse(text))
    except ValueError:
        return True


def capitalise(text: str) -> str:
    """The first letter upper-cased (a phrase or an office starting a sentence)."""
    return text[:1].upper() + text[1:]
