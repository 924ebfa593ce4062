"""Templates are data: every template reportgen renders runs in Jinja's sandbox (issue 16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader
from jinja2.exceptions import SecurityError

from reportgen.cli import main
from reportgen.core.sandbox import template_environment

from .conftest import REPO

ATTACKS = [
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "UndefinedError: 'cycler' is undefined"),
    ("{{ labels.__init__.__globals__ }}",
     "not allowed in a template: access to attribute '__init__' of 'Labels' object is unsafe "
     "(templates run in a sandbox: see docs/templates.md)"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe "
     "(templates run in a sandbox: see docs/templates.md)"),
    ("{{ date.__globals__ }}",
     "not allowed in a template: access to attribute '__globals__' of 'method' object is unsafe "
     "(templates run in a sandbox: see docs/templates.md)"),
    ("{{ lipsum() }}", "UndefinedError: 'lipsum' is undefined"),
]


def _kind_template(body: str) -> str:
    return '{% extends "_base.html.j2" %}\n{% block body %}' + body + "{% endblock %}"


@pytest.mark.parametrize(("attack", "message"), ATTACKS)
def test_template_reaching_python_is_a_one_line_error(attack: str, message: str, tmp_project, tmp_path: Path, runner) -> None:
    templates = tmp_project.root / "templates"
    templates.mkdir()
    (templates / "chair-summary.html.j2").write_text(_kind_template(attack), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "gfmd2010", "--kind", "chair-summary",
                                  "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == f"Error: {templates / 'chair-summary.html.j2'}:2: {message}\n"
    assert not (tmp_path / "out").exists()


def test_old_revision_templates_are_sandboxed_in_redline(tmp_path: Path, runner) -> None:
    earlier = tmp_path / "draft"
    shutil.copytree(REPO / "content", earlier / "content")
    (earlier / "templates").mkdir()
    template = earlier / "templates" / "chair-summary.html.j2"
    template.write_text(_kind_template("{{ m.place.__func__.__globals__ }}"), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(REPO), "redline", "gfmd2010", "--from", str(earlier), "--kind", "chair-summary",
                                  "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {template}:2: not allowed in a template: access to attribute '__func__' of 'method' object "
                             "is unsafe (templates run in a sandbox: see docs/templates.md)\n")
    assert not (tmp_path / "out").exists()


def test_brief_template_is_sandboxed(tmp_project, tmp_path: Path, runner) -> None:
    (tmp_project.root / "templates" / "compare").mkdir(parents=True)
    template = tmp_project.root / "templates" / "compare" / "brief.html.j2"
    template.write_text("{{ labels.__class__ }}", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "gfmd2010", "gfmd2011", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {template}:1: not allowed in a template: access to attribute '__class__' of 'Labels' object "
                             "is unsafe (templates run in a sandbox: see docs/templates.md)\n")


def test_starter_template_is_sandboxed(tmp_project, runner) -> None:
    (tmp_project.root / "templates" / "starter").mkdir(parents=True)
    (tmp_project.root / "templates" / "starter" / "meeting.yaml.j2").write_text("{{ id.__class__ }}", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "new", "abc"])
    assert result.exit_code == 1
    assert result.output == ("Error: starter/meeting.yaml.j2: not allowed in a template: access to attribute '__class__' of 'str' "
                             "object is unsafe (templates run in a sandbox: see docs/templates.md)\n")
    assert not (tmp_project.root / "content" / "abc").exists()


def test_paths_modules_and_classes_are_closed(tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("s3cret", encoding="utf-8")
    env = template_environment([DictLoader({"file": "{{ p.read_text() }}", "module": "{{ p.rmtree(q) }}",
                                            "class": "{{ p.home() }}", "print": "{{ p }}"})])
    for name, value in [("file", tmp_path / "secret"), ("module", shutil), ("class", Path)]:
        with pytest.raises(SecurityError):
            env.get_template(name).render(p=value, q=str(tmp_path))
    assert (tmp_path / "secret").is_file()
    assert env.get_template("print").render(p=Path("a/b")) == "a/b"  # printed, but not looked into


def test_templates_may_still_build_their_own_lists() -> None:
    env = template_environment([DictLoader({"t": "{% set parts = [] %}{% set _ = parts.append(1) %}"
                                                 "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}"
                                                 "{{ parts }} {{ ns.n }} {{ dict(a=1) }}"})])
    assert env.get_template("t").render() == "[1] 3 {'a': 1}"


@pytest.mark.parametrize("text", ["", "  \n", "{# nothing #}<!-- only a comment -->"])
def test_an_empty_template_is_one_line(text: str, tmp_project, tmp_path: Path, runner) -> None:
    templates = tmp_project.root / "templates"
    templates.mkdir()
    (templates / "chair-summary.html.j2").write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "gfmd2010", "--kind", "chair-summary",
                                  "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == f"Error: {templates / 'chair-summary.html.j2'}: renders no HTML at all (an empty template?)\n"
