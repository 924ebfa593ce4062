"""`reportgen list`: one line per meeting, from the validated model (cached when unchanged)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

from ..style.labels import Labels
from .language_files import editions
from .modelcache import ModelCache, meeting_key, summary
from ..core.names import shown
from ..core.project import Project
from ..style.search_path import template_search_path

log = logging.getLogger(__name__)


def meeting_listing(project: Project) -> Iterator[str]:
    """One line per meeting: id, short title, place and dates, the language editions it has (or
    why it cannot be read)."""
    ids = project.meeting_ids()
    for name, why in project.misnamed_meetings().items():
        yield f"{shown(name)}  (not read: {why})"
    if not ids:
        yield f"no meetings in {project.display(project.content_dir)}/"
        return
    cache = ModelCache(project)
    labels = Labels.load("en", template_search_path(project))
    width = max(len(i) for i in ids)
    for meeting_id in ids:
        entry = cache.fresh(meeting_key(meeting_id))  # unchanged since validated: no need to load the schema
        if entry is not None:
            about = entry["summary"]
        else:
            doc, problems = cache.meeting(meeting_id, lambda: cache.themes()[0])
            if doc is None:
                yield f"{meeting_id:<{width}}  (invalid: {len(problems)} problem(s); run reportgen validate {meeting_id})"
                continue
            about = summary(doc)
        start = dt.date.fromisoformat(about["start"])
        end = dt.date.fromisoformat(about["end"]) if about["end"] else None
        place = f"{about['city']}, {about['country']}" if about["city"] else "venue not stated"
        languages = editions(project, meeting_id)  # translation files: --lang builds these editions
        also = f" | editions: {', '.join(languages)}" if languages else ""
        yield f"{meeting_id:<{width}}  {about['short_title']} | {place} | {labels.date_range(start, end)}{also}"
