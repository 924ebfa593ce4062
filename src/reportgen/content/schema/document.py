"""The published document: identity (symbol, status, date), masthead furniture and title block."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, PositiveInt

from .base import Id, Language, Line, Strict, Text, _one_or_many
from .context import Transmittal
from .dates import DocumentDate, PartialDate
from .meeting import RoleHolder

Status = Literal["preliminary", "draft", "provisional", "final"]

# --------------------------------------------------------------------------- document furniture


class Document(Strict):
    """The published document: its identity, its masthead and its title block."""

    house: Id = "eclac"
    """House style: the furniture of the organisation issuing it ('eclac', 'un', 'oas', 'plain', or a project's own)."""
    issuer: str | None = None
    """Issuing body printed in the masthead: 'ECLAC' (eclac), the organ 'Economic and Social Council' (un), the organisation (plain)."""
    issuer_chain: list[Text] = []
    """The issuing body from the organisation down, one line each (OAS: council > committee > working group)."""
    series: str | None = None
    """Series line printed above the symbol, e.g. 'OEA/Ser.G'."""
    symbol: str | None = None
    """Document symbol, e.g. 'LC/L.3702' or 'E/ESCAP/CMP/2017/4'; repeated in the running header."""
    summary_symbol: Line | None = None
    """The chair's summary's own symbol, e.g. 'LC/MIG.2013/2' (its masthead, running header and metadata); if not given, the summary has none."""
    addendum: PositiveInt | None = None
    """Addendum number: the symbol is printed with /Add.N."""
    revision: PositiveInt | None = None
    """Revision number: the symbol is printed with /Rev.N."""
    corrigendum: PositiveInt | None = None
    """Corrigendum number: the symbol is printed with /Corr.N and 'Corrigendum' under the title."""
    status: Status | None = None
    """Version of the text: preliminary, draft, provisional or final (printed in the masthead; final prints nothing; not printed when the title already says it)."""
    status_label: str | None = None
    """Words printed for the status instead of the catalogue's, e.g. 'Final Version' (status: final); '' prints nothing."""
    distribution: str | None = None
    """Distribution, e.g. 'LIMITED' (eclac) or 'General' (un)."""
    date: DocumentDate | None = None
    """Date of the document: YYYY-MM-DD, or YYYY-MM (month and year only), or YYYY (year only)."""
    language: Language = "en"
    """Language the document is written in, as a two-letter code ('en', 'es')."""
    original_language: Language | None = None
    """Language of the original, as a two-letter code; printed as 'Original: …' in the masthead."""
    language_line: bool | None = None
    """Print the language line ('ENGLISH') in the masthead; default: as the house style does."""
    unofficial_translation: bool = False
    """Print 'Unofficial translation; original: …' (needs original_language)."""
    job_number: str | None = None
    """UN job number printed at the foot of the first page, e.g. '17-21197 (E)'."""
    meeting_lines: list[Text] = []
    """Lines under the masthead naming the issuing body, meeting, session and place (un), one each."""
    agenda_item: Text | None = None
    """Agenda item line printed above the title, e.g. 'Item 4 of the provisional agenda' (un)."""
    agenda_item_title: Text | None = None
    """Title of that agenda item, printed in bold under the agenda item line (un)."""
    kind_label: Text
    """The document's own kind line, e.g. "Rapporteur's report" or 'Conclusions'."""
    kind_line: bool | None = None
    """Print the kind line on the first page; default: as the house style does."""
    title: Text
    """Main title of the document (any length)."""
    theme: Text | None = None
    """Theme of the meeting, printed in quotation marks under the title (oas)."""
    subtitle: Annotated[list[Text], BeforeValidator(_one_or_many)] = []
    """Line (or list of lines) printed under the title."""
    cover: bool | None = None
    """Give the document a separate cover page; default: as the house style does (eclac yes, un no)."""
    contents: bool | None = None
    """Print a table of contents; default: as the house style does (un: no, unless asked)."""
    paragraph_numbers: bool | None = None
    """Number the body's paragraphs 1, 2, 3 … through the whole document; default: as the house style does (un: yes)."""
    logo: str | None = None
    """Image in the masthead, a PNG or JPEG inside the project folder (path from it): the logo (plain), the UN emblem (un)."""
    cover_lines: list[Text] | None = None
    """Lines printed above the title on the cover; if not given, the meeting title, place and dates."""
    author_note: Text | None = None
    """Note on the kind line, printed as an asterisk footnote (who prepared the document)."""
    issued_by: list[RoleHolder] = []
    """Who issues the document when it is not an organisation, e.g. two co-chairing ministers; printed under the title."""
    transmitted_to: list[Transmittal] = []
    """Bodies the document is submitted to, printed under the title: 'For consideration by the Commission at its …'."""
    footer: list[Text] = []
    """Lines printed at the foot of the first page, e.g. the organisation's address."""
    contents_levels: Literal[1, 2] = 1
    """Levels of sections the contents lists: 1 (top-level sections and annexes) or 2 (their subsections too)."""
    authors_line: bool | None = None
    """Print the 'Prepared by …' line made from authors:; default: as the house style does."""
    statement_lines: bool | None = None
    """Print the 'Statement by …, on behalf of …' line above interventions; default: as the house style does."""

    @property
    def full_symbol(self) -> str | None:
        """The symbol as the UN prints it, with /Add.N, /Rev.N and /Corr.N in that order."""
        if not self.symbol:
            return None
        parts = [self.symbol]
        for prefix, number in (("Add.", self.addendum), ("Rev.", self.revision), ("Corr.", self.corrigendum)):
            if number:
                parts.append(f"{prefix}{number}")
        return "/".join(parts)
