"""`reportgen new`: a commented starter meeting.yaml in a house style, ready to validate and build."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import jinja2

from ..core.errors import UsageProblem, did_you_mean
from ..style.houses import available_houses, house_chain
from ..core.project import MEETING_FILE, Project
from ..style.search_path import template_search_path
from .schema import ID_PATTERN
from ..core.atomic import atomic_target

log = logging.getLogger(__name__)

STARTER_TEMPLATE = "starter/meeting.yaml.j2"
STARTER_FAMILIES = ("un", "oas", "plain", "eclac")


def write_starter(project: Project, meeting_id: str, house: str, today: dt.date | None = None) -> Path:
    """Write content/<meeting_id>/meeting.yaml; refuse to overwrite an existing meeting."""
    if not re.match(ID_PATTERN, meeting_id):
        raise UsageProblem(f"meeting id '{meeting_id}' must be lower-case letters, digits and hyphens, e.g. 'escap-cmp2026'")
    base = template_search_path(project)
    houses = available_houses(base)
    if house not in houses:
        raise UsageProblem(f"unknown house style '{house}'{did_you_mean(house, houses)} (available: {', '.join(houses)})")
    target = project.meeting_dir(meeting_id) / MEETING_FILE
    if target.exists():
        raise UsageProblem(f"{project.display(target)} already exists; choose another id or edit that file")
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in base]),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    # A project's own house gets the starter of the packaged house it extends.
    family = next((h for h in house_chain(base, house) if h in STARTER_FAMILIES), "eclac")
    text = env.get_template(STARTER_TEMPLATE).render(id=meeting_id, house=house, family=family, houses=houses,
                                                    today=(today or dt.date.today()).isoformat())
    text = text.rstrip("\n") + "\n"  # one final newline, whatever the template's last block tag leaves
    with atomic_target(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    log.info("wrote %s", target)
    return target
