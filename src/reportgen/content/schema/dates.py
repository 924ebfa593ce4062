"""Dates of documents: a full date, or a month, or a year only."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from ..suggestions import impossible_date

# --------------------------------------------------------------------------- dates by year or month


@dataclass(frozen=True)
class PartialDate:
    """A document dated by year ('2017') or by month and year ('2017-11') only."""

    year: int
    month: int | None = None

    def first_day(self) -> dt.date:
        """The first day it covers (for reproducible file dates)."""
        return dt.date(self.year, self.month or 1, 1)

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def _document_date(value: Any) -> Any:
    if isinstance(value, (dt.date, PartialDate)) or value is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return _printable(PartialDate(value))
    if isinstance(value, str):
        match = _PARTIAL.match(value.strip())
        if match:
            month = int(match.group(2)) if match.group(2) else None
            if month is not None and not 1 <= month <= 12:
                raise ValueError(f"month {month} does not exist; expected YYYY-MM with MM from 01 to 12")
            return _printable(PartialDate(int(match.group(1)), month))
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            impossible = impossible_date(value.strip())
            if impossible:
                raise ValueError(impossible) from None
    raise ValueError("expected a date as YYYY-MM-DD, a month as YYYY-MM, or a year as YYYY")


def _printable(day: PartialDate) -> PartialDate:
    # The years reportgen prints (printable.DATE_RANGE checks full dates the same way).
    if not 1800 <= day.year <= 2999:
        raise ValueError(f"year {day.year} is outside the years reportgen prints (1800 to 2999)")
    return day


DocumentDate = Annotated[
    dt.date | PartialDate,
    BeforeValidator(_document_date),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),  # as written: read back alike
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
                              {"type": "integer", "minimum": 1800, "maximum": 2999}],
                    "description": "YYYY-MM-DD, or YYYY-MM (month and year), or YYYY (year only)"}),
]
