"""The document's authors by role, and the meeting's family of related documents."""

from __future__ import annotations

from pydantic import model_validator

from .base import Id, Language, Line, Strict
from .dates import DocumentDate
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

    id: Id | None = None
    """Identifier, for text that cites it ([doc:id] prints its symbol) and for relations between documents."""
    symbol: Line | None = None
    """Document symbol, e.g. 'LC/L.3702/Corr.1'."""
    title: Line | None = None
    """Title as printed in the list of documents; leave out for a paper whose title is not known."""
    title_incomplete: bool = False
    """The title is known only in part (cut off in the source): printed followed by '[…]'."""
    titles: dict[str, Line] = {}
    """The title in other languages, by two-letter code, for chapters generated in them."""
    kind: Line | None = None
    """What the document is, e.g. 'Information note', 'Working paper'."""
    date: DocumentDate | None = None
    """Date of the document: YYYY-MM-DD, or YYYY-MM (month and year only), or YYYY (year only)."""
    languages: list[Language] = []
    """Languages it is issued in, as two-letter codes ('en', 'es')."""
    agenda_items: list[Id] = []
    """Ids of the agenda items the meeting had it before it under (generate: documents-before)."""
    original_language: Language | None = None
    """Language of its original, as a two-letter code; printed 'Original: Spanish' in the list of documents."""
    corrects: Id | None = None
    """Id of the document this one corrects (a corrigendum); printed 'Corrigendum to …'."""
    revision_of: Id | None = None
    """Id of the document this one revises (Rev.1, Rev.2); printed 'Revision of …'."""
    draft_of: Id | None = None
    """Id of the document or annex this one is the draft of; printed 'Draft of …'."""

    @model_validator(mode="after")
    def _identified(self) -> RelatedDocument:
        if not (self.symbol or self.title or self.kind):
            raise ValueError("a document needs at least a symbol, a title or a kind")
        if self.title_incomplete and not self.title:
            raise ValueError("title_incomplete needs the part of the title that is known (title:)")
        return self
