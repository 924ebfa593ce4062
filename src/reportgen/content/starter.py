"""`reportgen new`: a commented starter meeting.yaml in a house style, ready to validate and build."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import jinja2

from ..core.errors import OutputProblem, TemplateProblem, UsageProblem, did_you_mean
from ..style.houses import available_houses, house_chain
from ..core.names import meeting_id_problem
from ..core.project import MEETING_FILE, Project
from ..core.sandbox import security_message, template_environment
from ..style.search_path import template_search_path
from ..core.atomic import atomic_target

log = logging.getLogger(__name__)

STARTER_TEMPLATE = "starter/meeting.yaml.j2"
STARTER_FAMILIES = ("un", "oas", "plain", "eclac")


def write_starter(project: Project, meeting_id: str, house: str, today: dt.date | None = None) -> Path:
    """Write content/<meeting_id>/meeting.yaml; refuse to overwrite an existing meeting."""
    problem = meeting_id_problem(meeting_id)
    if problem:
        raise UsageProblem(problem)
    base = template_search_path(project)
    houses = available_houses(base)
    if house not in houses:
        raise UsageProblem(f"unknown house style '{house}'{did_you_mean(house, houses)} (available: {', '.join(houses)})")
    target = project.meeting_dir(meeting_id) / MEETING_FILE
    if target.exists():
        raise UsageProblem(f"{project.display(target)} already exists; choose another id or edit that file")
    env = template_environment([jinja2.FileSystemLoader(str(d)) for d in base])
    # A project's own house gets the starter of the packaged house it extends.
    family = next((h for h in house_chain(base, house) if h in STARTER_FAMILIES), "eclac")
    try:
        text = env.get_template(STARTER_TEMPLATE).render(id=meeting_id, house=house, family=family, houses=houses,
                                                        today=(today or dt.date.today()).isoformat())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateProblem(f"{STARTER_TEMPLATE}: {security_message(exc)}") from None
    except (jinja2.TemplateError, UnicodeDecodeError) as exc:
        raise TemplateProblem(f"{STARTER_TEMPLATE}: {type(exc).__name__}: {exc}") from None
    text = text.rstrip("\n") + "\n"  # one final newline, whatever the template's last block tag leaves
    try:
        with atomic_target(target) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputProblem(f"cannot write {project.display(target)}: {exc.strerror or exc}") from None
    log.info("wrote %s", target)
    return target
