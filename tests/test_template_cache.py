"""The packaged templates compiled once and kept between runs (render/template_cache.py, issue 22):
only the package's own templates, only in a folder private to the user, damaged entries compiled again."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from reportgen.build.meeting import BuildOptions, render_meeting
from reportgen.core.project import Project
from reportgen.render.environment import Renderer
from reportgen.render.template_cache import CACHE_NAME, PackagedTemplateCache
from reportgen.style.search_path import default_templates_dir, template_search_path

from .conftest import REPO

NAMES = ["rapporteur-report.html.j2", "_base.html.j2", "_blocks.html.j2", "_masthead.html.j2"]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / CACHE_NAME


def _project_with_own_masthead(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "content" / "gfmd2010", tmp_path / "project" / "content" / "gfmd2010")
    shutil.copy(REPO / "content" / "themes.yaml", tmp_path / "project" / "content" / "themes.yaml")
    (tmp_path / "project" / "templates").mkdir()
    masthead = (default_templates_dir() / "_masthead.html.j2").read_text(encoding="utf-8")
    (tmp_path / "project" / "templates" / "_masthead.html.j2").write_text("{# the project's own #}\n" + masthead, encoding="utf-8")
    return Project(tmp_path / "project")


def _compiled(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates `renderer` had to compile (not found in the cache) to load NAMES."""
    compiled: list[str] = []
    real = renderer.env.compile

    def counting(source: str, name: str | None = None, filename: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(str(filename))
        return real(source, name, filename, *args, **kwargs)

    monkeypatch.setattr(renderer.env, "compile", counting)
    for name in NAMES:
        renderer.env.get_template(name)
    return compiled


def test_packaged_templates_are_compiled_once_and_a_projects_own_never_kept(cache: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project_with_own_masthead(tmp_path)
    search_path = template_search_path(project)
    first = _compiled(Renderer(search_path), monkeypatch)
    assert len(first) == len(NAMES)
    assert [f for f in first if f.startswith(str(project.root))] == [str(project.templates_dir / "_masthead.html.j2")]
    kept = list(cache.rglob("*.jinja"))
    assert len(kept) == len(NAMES) - 1  # the packaged ones; the project's masthead is compiled each time
    assert all(f.stat().st_mode & 0o077 == 0 for f in kept) and kept[0].parent.stat().st_mode & 0o077 == 0

    second = _compiled(Renderer(search_path), monkeypatch)
    assert second == [str(project.templates_dir / "_masthead.html.j2")]
    # The same HTML with compiled templates read back as compiled afresh.
    with_cache = [r.html for r in render_meeting(project, "gfmd2010", BuildOptions())[0]]
    monkeypatch.setattr("reportgen.render.environment.keep_compiled_templates", lambda env: None)
    assert [r.html for r in render_meeting(project, "gfmd2010", BuildOptions())[0]] == with_cache


def test_an_edited_packaged_template_or_a_damaged_entry_is_compiled_again(cache: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    search_path = template_search_path(Project(REPO))
    _compiled(Renderer(search_path), monkeypatch)
    for entry in cache.rglob("*.jinja"):
        entry.write_bytes(b"j2 damaged")
    assert len(_compiled(Renderer(search_path), monkeypatch)) == len(NAMES)  # compiled again, and rewritten
    assert _compiled(Renderer(search_path), monkeypatch) == []

    renderer = Renderer(search_path)
    bcc = renderer.env.bytecode_cache
    assert isinstance(bcc, PackagedTemplateCache)
    source = (default_templates_dir() / "_masthead.html.j2").read_text(encoding="utf-8")
    edited = bcc.get_bucket(renderer.env, "_masthead.html.j2", str(default_templates_dir() / "_masthead.html.j2"), source + "{# edited #}")
    assert edited.code is None  # another source: the kept code is not used


def test_a_cache_folder_others_may_write_to_is_not_used(cache: Path) -> None:
    cache.mkdir(parents=True)
    cache.parent.chmod(0o777)
    assert Renderer(template_search_path(None)).env.bytecode_cache is None
    cache.parent.chmod(0o700)
    assert isinstance(Renderer(template_search_path(None)).env.bytecode_cache, PackagedTemplateCache)


def test_an_unwritable_cache_costs_only_the_compilation(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = Renderer(template_search_path(None))
    assert isinstance(renderer.env.bytecode_cache, PackagedTemplateCache)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr("tempfile.NamedTemporaryFile", refuse)
    assert isinstance(renderer.env.get_template("rapporteur-report.html.j2"), jinja2.Template)
    assert not list(cache.rglob("*.jinja"))
