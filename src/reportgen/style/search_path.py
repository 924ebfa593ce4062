"""The template search path: the folders templates, labels, styles and house files are read from.

A project's own templates/ comes first, then the packaged templates; with a house style, each folder's
house (and the houses it extends) before the folder itself."""

from __future__ import annotations

import logging
from pathlib import Path

from ..core.project import Project
from .houses import house_dirs

log = logging.getLogger(__name__)


def default_templates_dir() -> Path:
    """The packaged default templates (in a source checkout: the repository's templates/)."""
    packaged = Path(__file__).parents[1] / "_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def template_search_path(project: Project | None, house: str | None = None) -> list[Path]:
    """Folders searched for templates, labels and styles: the project's own first.

    With a house style: project house → project templates → packaged house → packaged templates."""
    dirs = [project.templates_dir] if project is not None and project.templates_dir.is_dir() else []
    default = default_templates_dir()
    if not dirs or dirs[0].resolve() != default.resolve():
        dirs.append(default)
    if house is None:
        return dirs
    return house_dirs(dirs, house)
