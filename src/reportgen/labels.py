"""The label catalogue: fixed words of the document furniture, per language.

Catalogues are templates/labels/<lang>.yaml; a project's own file overrides the packaged one
key by key, so a secretariat can change one word without copying the whole catalogue.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import UsageProblem

log = logging.getLogger(__name__)


def available_languages(search_path: Sequence[Path]) -> set[str]:
    """Language codes that have a label catalogue."""
    return {p.stem for d in search_path for p in (d / "labels").glob("*.yaml")}


class Labels:
    """Fixed words for one language, with the date and time formatting that goes with them."""

    def __init__(self, language: str, values: dict[str, Any]) -> None:
        self.language = language
        self._values = values

    @classmethod
    def load(cls, language: str, search_path: Sequence[Path]) -> Labels:
        values: dict[str, Any] = {}
        # Packaged defaults first, then the project's overrides on top.
        for folder in reversed(search_path):
            path = folder / "labels" / f"{language}.yaml"
            if path.is_file():
                values.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        if not values:
            known = ", ".join(sorted(available_languages(search_path)))
            raise UsageProblem(f"no label catalogue for language '{language}' (available: {known})")
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

    def date(self, day: dt.date) -> str:
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
        if self["clock"] == 24:
            return f"{hour}.{minute:02d}", ""
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
