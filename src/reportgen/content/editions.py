"""A meeting in another language: its translation file checked against the original and laid over it.

`reportgen validate MEETING --lang es` lists what an edition lacks (edition_problems); a build
of an edition refuses one with untranslated or stale text, or, when the user allows it, prints
the original text there, marked (translations.mark_untranslated).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..core.errors import ContentError, Problem
from .language_files import LanguageFile, load_language_file
from .model import Meeting, load_meetings, resolve
from ..core.project import Project
from .translations import Status, edition_status, status_problems, translate_document
from .validate import load_meeting_files
from ..style.country_names import CountryNames
from ..style.search_path import template_search_path

log = logging.getLogger(__name__)


@dataclass
class Edition:
    meeting: Meeting
    status: Status
    language_file: LanguageFile
    problems: list[Problem]


def is_edition(meeting: Meeting, language: str | None) -> bool:
    """Whether building in `language` means a language edition (a language other than the original's)."""
    return language is not None and language != meeting.document.language


def load_edition(project: Project, meeting_id: str, language: str, *, allow_untranslated: bool = False) -> Edition:
    """The meeting with its text in `language`. Raises ContentError naming every untranslated or
    stale text unless `allow_untranslated`; a malformed translation file is always an error."""
    original = load_meetings(project, [meeting_id])[meeting_id]
    language_file = load_language_file(project, meeting_id, language)
    if language_file.problems:
        raise ContentError(language_file.problems)
    names = CountryNames.load(template_search_path(project))
    doc, status = translate_document(original.doc, lambda fields: edition_status(fields, language_file), language,
                                     allow_untranslated=allow_untranslated, country_name=lambda country: names.name(country, language))
    problems = status_problems(status, language_file, load_meeting_files(project, meeting_id)[1])
    if not status.complete and not allow_untranslated:
        raise IncompleteEdition(problems, language_file, status)
    log.info("%s edition of %s: %d texts translated, %d untranslated, %d stale", language, meeting_id,
             len(status.translated), len(status.missing), len(status.stale))
    return Edition(resolve(Meeting(meeting_id, doc, original.themes)), status, language_file, problems)


class IncompleteEdition(ContentError):
    """Untranslated or stale text in an edition: one line each, then what to do about it."""

    def __init__(self, problems: list[Problem], language_file: LanguageFile, status: Status) -> None:
        super().__init__(problems)
        what = f"{len(status.missing)} untranslated and {len(status.stale)} stale text(s)"
        if status.unfaithful:
            what += f", {len(status.unfaithful)} translation(s) changing footnote references"
        if not language_file.exists:
            what += f"; there is no {language_file.display} yet"
        self.message = (f"{self.message}\nThe {language_file.language} edition is incomplete ({what}): translate them "
                        f"(reportgen translate export), or build with --allow-untranslated to print the original text there, marked.")


def edition_problems(project: Project, meeting_id: str, language: str) -> list[Problem]:
    """Everything an edition lacks, for `reportgen validate MEETING --lang CODE`."""
    original = load_meetings(project, [meeting_id])[meeting_id]
    language_file = load_language_file(project, meeting_id, language)
    if language_file.problems:
        return language_file.problems
    _, status = translate_document(original.doc, lambda fields: edition_status(fields, language_file), language,
                                   allow_untranslated=True)
    return status_problems(status, language_file, load_meeting_files(project, meeting_id)[1])


def check_editions(project: Project, meeting_ids: list[str], language: str) -> str:
    """`reportgen validate --lang`: every problem of the meetings' `language` editions (raised as
    one ContentError), else the line saying they are complete."""
    problems = [p for meeting_id in meeting_ids for p in edition_problems(project, meeting_id, language)]
    if problems:
        raise ContentError(problems)
    return f"{language} edition complete: {', '.join(meeting_ids)}"
