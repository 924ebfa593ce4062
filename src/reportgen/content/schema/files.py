"""The top-level files: content/themes.yaml and content/<id>/meeting.yaml."""

from __future__ import annotations

from typing import Any

from pydantic import PrivateAttr

from .base import Id, Strict, Text
from .blocks import Annex, Section
from .context import CoverNote
from .document import Document
from .meeting import Meeting, Organisation, Person
from .proceedings import Proceedings
from .related import Authors, RelatedDocument
from .sessions import Agenda, Session

class Theme(Strict):
    """A theme conclusions and recommendations are tagged with (content/themes.yaml)."""

    id: Id
    """Identifier used in `themes:` lists."""
    label: Text
    """Name of the theme."""
    labels: dict[str, Text] = {}
    """Its name in other languages, by two-letter code, printed by briefs in that language (`compare --lang fr`): {fr: Envois de fonds, es: Remesas}."""
    scope: Text
    """One line saying what the theme covers."""

    def label_in(self, language: str) -> str:
        """The name printed in `language`: its own there, else `label`."""
        return self.labels.get(language) or self.label


class ThemesFile(Strict):
    """content/themes.yaml: the shared list of themes."""

    themes: list[Theme]
    """The themes."""


class MeetingFile(Strict):
    """content/<id>/meeting.yaml (with the files it includes): one meeting."""

    include: list[str] = []
    """Further files of this folder whose top-level keys are merged in, in order."""
    document: Document
    """The published document's masthead and title block."""
    cover_note: CoverNote | None = None
    """A note the document is issued under (addressee, subject, its own date and symbol), printed before it."""
    meeting: Meeting
    """Facts about the meeting."""
    authors: Authors | None = None
    """The document's authors by role (prepared by, under the supervision of, with contributions from)."""
    documents: list[RelatedDocument] = []
    """The meeting's family of documents, for a list of documents (annex with generate: documents)."""
    organisations: list[Organisation] = []
    """Organisations, each once."""
    people: list[Person] = []
    """People, each once."""
    sessions: list[Session] = []
    """Sessions, in order."""
    agenda: Agenda | None = None
    """The agenda."""
    proceedings: Proceedings | None = None
    """Opening, officers, attendance, adoption of the report and closing, for generated chapters."""
    footnotes: dict[Id, Text] = {}
    """Footnote texts by id; cite them in text as [^id]. Numbered in order of first use."""
    body: list[Section]
    """The document's sections, in order."""
    annexes: list[Annex] = []
    """Annexes, in order."""

    # Set by validation: where each value is written (loader.Marks), so generated sentences can
    # say which facts they come from. Not part of the YAML.
    _marks: Any = PrivateAttr(default=None)

    # Set by validation: located lines about parts that would print empty (not errors).
    _warnings: list[str] = PrivateAttr(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """What validation found worth a warning (file:line: key path: message), in order."""
        return self._warnings


MeetingFile.model_rebuild()
