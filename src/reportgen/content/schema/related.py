"""The document's authors by role, and the meeting's family of related documents."""

from __future__ import annotations

import datetime as dt

from .base import Line, Strict
from .meeting import RoleHolder, TypedLists


class Authors(TypedLists):
    """Who wrote the document, by role; printed as one line at the start of the report ('Prepared by …,
    under the supervision of …') and as rows of the chair's summary's table of facts."""

    prepared_by: list[RoleHolder] = []
    """Who prepared (wrote) the document."""
    under_the_supervision_of: list[RoleHolder] = []
    """Under whose supervision it was prepared."""
    with_contributions_from: list[RoleHolder] = []
    """Who contributed to it."""


class RelatedDocument(Strict):
    """One document of the meeting's family: programme, information note, working paper, report,
    corrigendum; a row of the list of documents (an annex with generate: documents)."""

    symbol: Line | None = None
    """Document symbol, e.g. 'LC/L.3702/Corr.1'."""
    title: Line
    """Title as printed in the list of documents."""
    kind: Line | None = None
    """What the document is, e.g. 'Information note', 'Working paper'."""
    date: dt.date | None = None
    """Date of the document (YYYY-MM-DD)."""
    languages: list[Line] = []
    """Languages it is issued in, as two-letter codes ('en', 'es')."""
