"""The published document's masthead and title block."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator

from .base import Strict, Text, _one_or_many

# --------------------------------------------------------------------------- document furniture


class Document(Strict):
    """The published document's masthead and title block."""

    issuer: str | None = None
    """Issuing body printed at the top left of the first page, e.g. 'ECLAC'."""
    symbol: str | None = None
    """Document symbol, e.g. 'LC/L.3702'; repeated in the running header."""
    distribution: str | None = None
    """Distribution, e.g. 'LIMITED' or 'GENERAL'."""
    date: dt.date | None = None
    """Date of the document (YYYY-MM-DD)."""
    language: str = "en"
    """Language the document is written in, as a two-letter code ('en', 'es')."""
    original_language: str | None = None
    """Language of the original, as a two-letter code; printed as ORIGINAL: … in the masthead."""
    kind_label: Text
    """The document's own kind line, e.g. "Rapporteur's report" or 'Conclusions'."""
    title: Text
    """Main title of the document."""
    subtitle: Annotated[list[Text], BeforeValidator(_one_or_many)] = []
    """Line (or list of lines) printed under the title."""
    cover_lines: list[Text] | None = None
    """Lines printed above the title on the cover; if not given, the meeting title, place and dates."""
    author_note: Text | None = None
    """Note on the kind line, printed as an asterisk footnote (who prepared the document)."""
