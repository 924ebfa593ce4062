"""The label catalogue: fixed words of the document furniture, per language.

Catalogues are templates/labels/<lang>.yaml; a project's own file overrides the packaged one
key by key, so a secretariat can change one word without copying the whole catalogue.
Every catalogue, once merged, must have each key of the packaged English one, of the same kind
(a word, a list of as many words, a number) and with only the placeholders it uses, so that a
broken override is reported as one line naming its file instead of failing half-way through a build.
"""

from __future__ import annotations

import datetime as dt
import logging
import string
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names

from ..core.errors import ContentError, Problem, UsageProblem
from ..core.loader import Marks, load_yaml, mapping_problems, problem_at
from ..core.memo import FileMemo
from ..core.project import is_inside
from .grammar import variant_problem, without_forms

log = logging.getLogger(__name__)


# Lists of names a catalogue may give instead of the CLDR's, with their lengths.
NAME_LISTS = {"months": 12, "months_standalone": 12, "weekdays": 7}


def available_languages(search_path: Sequence[Path], folder: str = "labels") -> set[str]:
    """Language codes that have a label catalogue (or, with folder='phrases', a phrase catalogue)."""
    return {p.stem for d in search_path for p in (d / folder).glob("*.yaml")}


# Sample values for every placeholder a label may use, to try each format string once.
_SAMPLE = {"day": 1, "day1": 1, "day2": 2, "month": "May", "month1": "May", "month2": "June", "year": 2013,
           "weekday": "Monday", "date1": "1 May 2013", "date2": "2 June 2014", "original": "Spanish",
           # redline (issue 11): the first page of a redline
           "ref": "draft-1", "earlier": "draft-1", "later": "draft-2", "symbol": "A/1/Rev.1", "replaced": "A/1",
           "items": 3, "insertions": 2, "deletions": 1, "moves": 0,
           # the draft line under the masthead (issue 10)
           "date": "1 May 2013"}


def _display(path: Path, search_path: Sequence[Path]) -> str:
    """templates/labels/xx.yaml relative to the project (or the package's templates folder)."""
    root = search_path[0].parent
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _kind(value: Any) -> str:
    return {str: "a text", list: "a list", dict: "a mapping", int: "a number"}.get(type(value), type(value).__name__)


# Keys of the packaged English catalogue another catalogue may leave out, by folder: without
# `ordinal_tens` ordinals beyond the catalogue's list print as figures (a language added by a project).
OPTIONAL_KEYS: dict[str, frozenset[str]] = {"phrases": frozenset({"ordinal_tens"})}


def _value_problems(key: str | tuple[str, ...], value: Any, reference: Any, marks: Marks,
                    shared: frozenset[str] = frozenset(), phrases: bool = False) -> list[Problem]:
    where = key if isinstance(key, tuple) else (key,)
    if isinstance(reference, dict) and isinstance(value, dict) and len(where) == 1:
        # A mapping of phrases (one, many, f, m …): each entry the packaged one has is checked the same way.
        return [p for name, inner in value.items() if name in reference
                for p in _value_problems((*where, name), inner, reference[name], marks, shared, phrases)]
    if phrases and isinstance(value, dict) and isinstance(reference, (str, list)):
        # Grammar as data (grammar.py): a text per CLDR plural category, or lists of named forms.
        wrong = variant_problem(value, reference)
        if wrong:
            return [problem_at(marks, where, f"expected {wrong}")]
        return [p for name, inner in value.items() if isinstance(reference, str)
                for p in _value_problems((*where, name), inner, reference, marks, shared, phrases)]
    if type(value) is not type(reference) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
        return [problem_at(marks, where, f"expected {_kind(reference)} like the packaged English catalogue, found {_kind(value)}")]
    if isinstance(value, list) and len(value) != len(reference):
        return [problem_at(marks, where, f"expected {len(reference)} entries, found {len(value)}")]
    if key == "clock" and value not in (12, 24):
        return [problem_at(marks, where, f"expected 12 or 24, found {value}")]
    if isinstance(value, str) and _placeholders(reference):
        allowed = _placeholders(reference) | shared
        try:
            unknown = sorted(_placeholders(value) - allowed)
            if not unknown:  # every placeholder the label may use gets a sample (a brief's {country}, {n} …)
                (without_forms(value) if phrases else value).format(**{**dict.fromkeys(allowed, 1), **_SAMPLE})
        except (ValueError, IndexError) as exc:
            return [problem_at(marks, where, f"not a valid format ({exc}); use {', '.join('{' + p + '}' for p in sorted(allowed))}")]
        if unknown:
            return [problem_at(marks, where, f"unknown placeholder {{{unknown[0]}}}; use {', '.join('{' + p + '}' for p in sorted(allowed))}")]
    return []


def load_catalogue(language: str, search_path: Sequence[Path], folder_name: str = "labels",
                   shared: frozenset[str] = frozenset()) -> tuple[dict[str, Any], list[Problem]]:
    """`_load_catalogue`, remembered per process while its files' bytes stay the same (validating a
    meeting asks for the same catalogues several times; 200 meetings asked 1,600 times)."""
    folders = tuple(search_path)
    files = [folder / folder_name / f"{language}.yaml" for folder in folders] + [folders[-1] / folder_name / "en.yaml"]
    values, problems = _catalogues.get((language, folders, folder_name, shared), files,
                                       lambda: _load_catalogue(language, folders, folder_name, shared))
    return dict(values), list(problems)  # callers may add to these; the entries themselves are read only


_catalogues: FileMemo[tuple[dict[str, Any], list[Problem]]] = FileMemo()


def _load_catalogue(language: str, search_path: Sequence[Path], folder_name: str,
                    shared: frozenset[str]) -> tuple[dict[str, Any], list[Problem]]:
    """The merged catalogue of `language` (packaged first, the project's on top) and what is
    wrong with it, each problem naming the file that causes it. Label catalogues merge key by key;
    phrase catalogues (folder_name='phrases') also merge their mappings entry by entry, so a house
    or a project overrides one organ or one office without copying the others. `shared`: placeholders
    any phrase may use besides those of the packaged English one (the words naming the meeting)."""
    merge_mappings = folder_name != "labels"
    values: dict[str, Any] = {}
    marks: dict[str, Marks] = {}  # key -> marks of the file that gave it
    problems: list[Problem] = []
    files: list[str] = []
    for folder in reversed(search_path):
        path = folder / folder_name / f"{language}.yaml"
        if not path.is_file():
            continue
        display = _display(path, search_path)
        files.append(display)
        if not is_inside(path, folder):
            problems.append(Problem(display, 1, 1, "", "leads outside the template folder (through a symbolic link); "
                                    f"{folder_name} are read only from the template folders"))
            continue
        loaded = load_yaml(path, display)
        found = mapping_problems(loaded, display)
        problems += found
        if not found:
            for key, value in loaded.data.items():
                if merge_mappings and isinstance(value, dict) and isinstance(values.get(key), dict):
                    value = {**values[key], **value}
                values[key] = value
            marks.update({key: loaded.marks for key in loaded.data})
    if not files:
        known = ", ".join(sorted(available_languages(search_path, folder_name)))
        what = "label" if folder_name == "labels" else "phrase"
        raise UsageProblem(f"no {what} catalogue for language '{language}' (available: {known})")
    if problems:
        return values, problems
    for key, count in NAME_LISTS.items():  # optional: CLDR gives them otherwise
        value = values.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(problem_at(marks[key], (key,), f"expected a list of {count} names, found {_kind(value)}"))
        elif len(value) != count:
            problems.append(problem_at(marks[key], (key,), f"expected {count} entries, found {len(value)}"))
    reference_path = search_path[-1] / folder_name / "en.yaml"
    reference = load_yaml(reference_path, str(reference_path)).data if reference_path.is_file() else None
    for key, expected in (reference or {}).items():
        if key not in values:
            if key not in OPTIONAL_KEYS.get(folder_name, ()):
                problems.append(Problem(files[-1], 1, 1, "", f"missing key '{key}' (every catalogue needs the keys of the packaged {folder_name}/en.yaml)"))
        else:
            problems += _value_problems(key, values[key], expected, marks[key], shared, merge_mappings)
    return values, problems


def cldr_names(language: str, month_width: str = "wide") -> dict[str, list[str]]:
    """Month and weekday names of `language` from the Unicode CLDR (through Babel): `months` as in
    a date ("14 мая"), `months_standalone` for a month alone ("май 2014 г."), `weekdays` from Monday.
    `month_width` is the catalogue's: "wide" (May), or "abbreviated" where dates print numbered
    months (Chinese 5月). A catalogue may still give its own lists."""
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return {}
    return {"months": [get_month_names(month_width, "format", locale)[m] for m in range(1, 13)],
            "months_standalone": [get_month_names(month_width, "stand-alone", locale)[m] for m in range(1, 13)],
            "weekdays": [get_day_names("wide", "format", locale)[d] for d in range(7)]}


class Labels:
    """Fixed words for one language, with the date and time formatting that goes with them."""

    def __init__(self, language: str, values: dict[str, Any]) -> None:
        self.language = language
        self._values = {**cldr_names(language, str(values.get("month_width", "wide"))), **values}

    @classmethod
    def load(cls, language: str, search_path: Sequence[Path]) -> Labels:
        values, problems = load_catalogue(language, search_path)
        if problems:
            raise ContentError(problems)
        return cls(language, values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __getattr__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def language_name(self, code: str) -> str:
        return str(self._values.get("languages", {}).get(code, code.upper()))

    # ------------------------------------------------------------------ editorial rules

    def list_style(self, style: str) -> str:
        """The marker style of a lettered or roman list in this language ('(a)' in English,
        'a)' in Spanish and French): catalogue key `list_styles`, a mapping of contract styles."""
        return str(self._values.get("list_styles", {}).get(style, style))

    def number(self, value: float, decimals: int = 0) -> str:
        """A generated number with the language's `decimal_separator` and `thousands_separator`,
        digits grouped from `group_digits_from` on (Spanish leaves four-digit numbers whole)."""
        grouped = abs(value) >= self._values.get("group_digits_from", 1000)
        text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
        decimal, thousands = self._values.get("decimal_separator", "."), self._values.get("thousands_separator", ",")
        return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)

    # ------------------------------------------------------------------ dates

    def date(self, day: Any) -> str:
        """A date as printed; a document dated by month or year only (schema.PartialDate) prints just those."""
        if not isinstance(day, dt.date):
            if day.month is None:
                return str(day.year)
            months = self._values.get("months_standalone", self["months"])
            return str(self._values.get("month_year_format", "{month} {year}")).format(month=months[day.month - 1], year=day.year)
        return self["date_format"].format(day=day.day, month=self["months"][day.month - 1], year=day.year)

    def weekday_date(self, day: dt.date) -> str:
        return self["day_format"].format(
            weekday=self["weekdays"][day.weekday()], day=day.day, month=self["months"][day.month - 1], year=day.year
        )

    def date_range(self, start: dt.date, end: dt.date | None) -> str:
        """'10 and 11 July 2013', '14 to 16 May 2014', '30 September to 2 October 2013', or one date."""
        if end is None or end == start:
            return self.date(start)
        months = self["months"]
        if (start.year, start.month) == (end.year, end.month):
            key = "range_two_days" if (end - start).days == 1 else "range_same_month"
            return self[key].format(day1=start.day, day2=end.day, month=months[start.month - 1], year=start.year)
        if start.year == end.year:
            return self["range_same_year"].format(
                day1=start.day, month1=months[start.month - 1], day2=end.day, month2=months[end.month - 1], year=start.year
            )
        return self["range_other"].format(date1=self.date(start), date2=self.date(end))

    # ------------------------------------------------------------------ times

    def _clock(self, hhmm: str) -> tuple[str, str]:
        """A time as printed and the half of the day it falls in ('am', 'pm' or '')."""
        hour, minute = (int(x) for x in hhmm.split(":"))
        if self["clock"] == 24:  # optional keys: time_24 ("{hour} h {minute}"), time_24_whole ("{hour} heures")
            if minute == 0 and "time_24_whole" in self._values:
                return str(self["time_24_whole"]).format(hour=hour), ""
            return str(self._values.get("time_24", "{hour}.{minute}")).format(hour=hour, minute=f"{minute:02d}"), ""
        half = "am" if hour < 12 else "pm"
        hour12 = hour % 12 or 12
        return (f"{hour12}.{minute:02d}" if minute else str(hour12)), half

    def time_range(self, start: str, end: str | None) -> str:
        """UN style: '9.30 to 11 a.m.', '11.30 a.m. to 1 p.m.', '8.30 a 9.00 horas'."""
        first, half1 = self._clock(start)
        suffix = f" {self['hours']}" if self["hours"] else ""
        if end is None:
            return f"{first} {self[half1]}{suffix}".strip() if half1 else f"{first}{suffix}"
        second, half2 = self._clock(end)
        if half1 == half2:
            tail = f" {self[half2]}" if half2 else ""
            return f"{first} {self['to']} {second}{tail}{suffix}"
        return f"{first} {self[half1]} {self['to']} {second} {self[half2]}{suffix}"
