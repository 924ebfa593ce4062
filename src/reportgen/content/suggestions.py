"""What a user most likely meant by a value the schema rejects: an impossible date explained (which
month has how many days), a language named in words instead of its code."""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable

import babel
from babel.core import UnknownLocaleError

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTHS = tuple(calendar.month_name)  # English, as the error messages are


def impossible_date(value: object) -> str | None:
    """'2026-11-31' -> "no such date '2026-11-31': November 2026 has 30 days"; None unless the text is shaped
    like a date (then the usual "expected a date as YYYY-MM-DD" says it better)."""
    match = _DATE.fullmatch(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"no such date '{value}': there is no month {month} (YYYY-MM-DD: the month comes second)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"no such date '{value}': {_MONTHS[month]} {year} has {days} days"
    return None


def any_language() -> list[str]:
    """Every two-letter language code CLDR names."""
    return sorted(code for code in babel.Locale("en").languages if len(code) == 2)


def language_suggestion(written: str, codes: Iterable[str] | None = None) -> str:
    """' (did you mean 'en'?)' for 'english', 'English', 'inglés', 'eng' or 'en-GB'; '' if nothing
    fits. Each language of `codes` (default: any) is known by its code, its own name, its English
    name and, for a few codes, its name in each of them (CLDR, through Babel)."""
    codes = sorted(codes) if codes is not None else any_language()
    names: dict[str, str] = {}
    for code in codes:
        names[code.casefold()] = code
        for in_language in ([*codes, "en"] if len(codes) < 10 else [code, "en"]):
            try:
                name = babel.Locale.parse(code).get_display_name(in_language)
            except (ValueError, UnknownLocaleError):
                continue
            if name:
                names[name.casefold()] = code
    key = written.strip().casefold().replace("_", "-")
    if key.split("-")[0] in names:  # en-GB, EN: the language's code
        return f" (did you mean '{names[key.split('-')[0]]}'?)"
    starting = [code for name, code in names.items() if len(key) >= 2 and name.startswith(key)]  # eng, sp, fre
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)  # englsh, espanol
    found = starting[0] if len(set(starting)) == 1 else (names[close[0]] if close else None)
    return f" (did you mean '{found}'?)" if found else ""
