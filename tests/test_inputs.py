"""One notion of inputs (issue 16): every file a build reads is in its stamp and in the validated-model
cache alike, so that `build` and `validate` see every edit. One case per kind of input: included
files of any name (hidden ones too), the logo, a house (deleted, or linked in from elsewhere), the
draft date; and the debris of a killed build goes even when nothing needs building.

Each test builds one meeting, one kind, DOCX only: the plan (which outputs are stale) is the check.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from reportgen.build import batch
from reportgen.build.batch import Settings, plan
from reportgen.cli import main
from reportgen.core.project import Project

from .conftest import GFMD2010_ORGANISATIONS as ORGANISATIONS
from .conftest import REPO

MEETING = "gfmd2010"
SETTINGS = Settings(formats=("docx",), kinds=("chair-summary",))


def project_with(root: Path, document: str = "", include: str | None = None) -> Project:
    """gfmd2010 (its organisations moved to the file `include` if given) with extra document keys."""
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "themes.yaml", root / "content" / "themes.yaml")
    folder = root / "content" / MEETING
    folder.mkdir()
    text = (REPO / "content" / MEETING / "meeting.yaml").read_text(encoding="utf-8")
    assert ORGANISATIONS in text
    if include is not None:
        text = f"include: [{include}]\n" + text.replace(ORGANISATIONS, "")
        (folder / include).parent.mkdir(parents=True, exist_ok=True)
        (folder / include).write_text(ORGANISATIONS, encoding="utf-8")
    text = text.replace("document:\n", "document:\n" + document, 1)
    (folder / "meeting.yaml").write_text(text, encoding="utf-8")
    return Project(root)


def build(project: Project, *extra: str) -> str:
    result = CliRunner().invoke(main, ["--project", str(project.root), "build", MEETING, "--docx", "--kind", "chair-summary", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def stale(project: Project, settings: Settings = SETTINGS) -> bool:
    [job] = plan(project, settings, [MEETING], [])
    return bool(job.stale)


def validate(project: Project) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(project.root), "validate", MEETING])
    return result.exit_code, result.output


@pytest.mark.parametrize("name", ["organisations.txt", ".organisations.yaml", "parts/organisations.data"])
def test_an_included_file_of_any_name_is_an_input(name: str, tmp_path: Path) -> None:
    project = project_with(tmp_path, include=name)
    build(project)
    assert not stale(project)
    included = project.meeting_dir(MEETING) / name
    included.write_text(ORGANISATIONS.replace("MacArthur Foundation", "The MacArthur Foundation"), encoding="utf-8")
    assert stale(project)
    assert validate(project)[0] == 0
    included.write_text(ORGANISATIONS + "unexpected_key: 1\n", encoding="utf-8")
    code, output = validate(project)  # not answered from the cache of the valid version
    assert (code, output) == (1, f"content/{MEETING}/{name}:7:1: unexpected_key: unknown key 'unexpected_key'\n1 problem in 1 file; nothing was built.\n")


def test_the_logo_is_an_input(tmp_path: Path) -> None:
    project = project_with(tmp_path, document="  logo: images/logo.png\n")
    (tmp_path / "images").mkdir()
    Image.new("RGB", (8, 8), "red").save(tmp_path / "images" / "logo.png")
    build(project)
    assert not stale(project)
    Image.new("RGB", (8, 8), "blue").save(tmp_path / "images" / "logo.png")  # replaced
    assert stale(project)
    build(project)
    (tmp_path / "images" / "logo.png").unlink()
    assert stale(project)
    code, output = validate(project)
    assert code == 1 and output.startswith(f"content/{MEETING}/meeting.yaml:12:9: document.logo: no image 'images/logo.png' in the project folder\n"), output


def _house(folder: Path, masthead: str = "") -> None:
    folder.mkdir(parents=True)
    (folder / "house.yaml").write_text("name: Our house\nextends: plain\n", encoding="utf-8")
    if masthead:
        plain = (REPO / "templates" / "houses" / "plain" / "_masthead.html.j2").read_text(encoding="utf-8")
        (folder / "_masthead.html.j2").write_text(plain + masthead, encoding="utf-8")


def test_a_house_deleted_after_validation_is_an_error(tmp_path: Path) -> None:
    project = project_with(tmp_path, document="  house: ours\n")
    _house(tmp_path / "templates" / "houses" / "ours")
    assert validate(project)[0] == 0
    build(project)
    shutil.rmtree(tmp_path / "templates" / "houses" / "ours")
    assert stale(project)
    code, output = validate(project)
    assert code == 1 and output.startswith(f"content/{MEETING}/meeting.yaml:12:10: document.house: unknown house style 'ours' "
                                           "(available: eclac, oas, plain, un)\n"), output
    result = CliRunner().invoke(main, ["--project", str(project.root), "build", MEETING, "--docx", "--kind", "chair-summary"])
    assert result.exit_code == 1 and "unknown house style 'ours'" in result.output


def test_files_of_a_house_linked_in_from_elsewhere_are_inputs(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project", document="  house: ours\n")
    _house(tmp_path / "shared" / "ours", masthead="{# shared #}\n")
    (tmp_path / "project" / "templates" / "houses").mkdir(parents=True)
    (tmp_path / "project" / "templates" / "houses" / "ours").symlink_to(tmp_path / "shared" / "ours", target_is_directory=True)
    build(project)
    assert not stale(project)
    with (tmp_path / "shared" / "ours" / "_masthead.html.j2").open("a", encoding="utf-8") as fh:
        fh.write("{# edited #}\n")
    assert stale(project)


def test_the_draft_date_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = project_with(tmp_path)
    build(project, "--draft")
    draft = Settings(formats=("docx",), kinds=("chair-summary",), draft=True)
    assert not stale(project, draft)

    next_week = dt.date.today() + dt.timedelta(days=7)

    class NextWeek(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return next_week

    monkeypatch.setattr(batch.dt, "date", NextWeek)
    assert stale(project, draft)  # the draft line would print another date


def test_a_killed_builds_debris_goes_when_nothing_needs_building(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    build(project)
    debris = project.output_dir / MEETING / f".{MEETING}-chair-summary.docx.999999999.x1y2.part"
    debris.write_bytes(b"half a document")
    assert build(project).strip() == f"{MEETING}: up to date"
    assert not debris.exists()


def test_a_saved_brief_leading_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project")
    (tmp_path / "secret.yaml").write_text("title: Secret\nmeetings: [gfmd2010]\ncountry: Mexico\n", encoding="utf-8")
    (project.content_dir / "briefs").mkdir()
    (project.content_dir / "briefs" / "mine.yaml").symlink_to(tmp_path / "secret.yaml")
    result = CliRunner().invoke(main, ["--project", str(project.root), "build", "--all", "--docx", "-q"])
    assert result.exit_code == 1
    assert ("brief mine: failed:\ncontent/briefs/mine.yaml:1:1: leads outside the project folder (through a symbolic link); "
            "only the project's own files are read\n") in result.output
    assert not (project.output_dir / "compare").exists()


@pytest.mark.parametrize(("data", "message"), [
    (b"name: Caf\xe9\n", "not UTF-8 text (invalid continuation byte at byte 9)"),
    (b"defaults: " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply (a house.yaml holds a few keys and the defaults)"),
])
def test_a_broken_house_yaml_is_one_line(data: bytes, message: str, tmp_path: Path) -> None:
    project = project_with(tmp_path, document="  house: ours\n")
    (tmp_path / "templates" / "houses" / "ours").mkdir(parents=True)
    house = tmp_path / "templates" / "houses" / "ours" / "house.yaml"
    house.write_bytes(data)
    for command in (["validate"], ["build", MEETING, "--docx"]):
        result = CliRunner().invoke(main, ["--project", str(project.root), *command])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert f"{house}: {message}" in result.output, result.output


def test_themes_leading_outside_the_project_are_one_problem(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project")
    (tmp_path / "themes.yaml").write_bytes(project.themes_file.read_bytes())
    project.themes_file.unlink()
    project.themes_file.symlink_to(tmp_path / "themes.yaml")
    for command in (["validate"], ["build", MEETING, "--docx"]):
        result = CliRunner().invoke(main, ["--project", str(project.root), *command])
        assert (result.exit_code, result.output) == (1, "content/themes.yaml:1:1: leads outside the project folder (through a symbolic "
                                                        "link); only the project's own files are read\n1 problem in 1 file; nothing was built.\n")
