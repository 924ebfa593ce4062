"""One rule for meeting ids, brief names and output names (issue 16), used by `new`, `validate`,
`compare --name`, `build --all`, `list` and the discovery of meetings and saved briefs alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.briefs.compare import default_name
from reportgen.cli import main
from reportgen.core.names import MAX_NAME, brief_name_problem, meeting_id_problem
from reportgen.core.project import Project

from .conftest import REPO

MEETING_RULE = "use lower-case letters, digits and hyphens, e.g. 'escap-cmp2026'"


@pytest.mark.parametrize(("name", "problem"), [
    ("gfmd2010", None),
    ("a" * MAX_NAME, None),
    ("abc\n", f"invalid meeting id 'abc\\n': {MEETING_RULE}"),
    ("Abc", f"invalid meeting id 'Abc': {MEETING_RULE}"),
    ("_themes", f"invalid meeting id '_themes': {MEETING_RULE}"),
    ("a_b", f"invalid meeting id 'a_b': {MEETING_RULE}"),
    ("caf\u00e9", f"invalid meeting id 'caf\\xe9': {MEETING_RULE}"),
    ("a b", f"invalid meeting id 'a b': {MEETING_RULE}"),
    ("a" * (MAX_NAME + 1), f"invalid meeting id '{'a' * (MAX_NAME + 1)}': at most 64 characters (it names files and folders)"),
    ("a" * 300, f"invalid meeting id '{'a' * 40}…(300 characters)': at most 64 characters (it names files and folders)"),
    ("briefs", "invalid meeting id 'briefs': the name is reserved (content/briefs/ holds the saved briefs)"),
    ("compare", "invalid meeting id 'compare': the name is reserved (output/compare/ holds the briefs' files)"),
    ("nul", "invalid meeting id 'nul': the name is reserved (a device name Windows will not create as a file or folder)"),
])
def test_meeting_id_rule(name: str, problem: str | None) -> None:
    assert meeting_id_problem(name) == problem


def test_brief_names_allow_underscores_and_nothing_else_more() -> None:
    assert brief_name_problem("gfmd2010_gfmd2011_remittances") is None
    assert brief_name_problem("x\n") == "invalid brief name 'x\\n': use lower-case letters, digits, hyphens and underscores"
    assert brief_name_problem("b" * 65) == f"invalid brief name '{'b' * 65}': at most 64 characters (it names files and folders)"


@pytest.mark.parametrize("name", ["Abc", "briefs", "a" * 300, "x/y"])
def test_new_refuses_what_the_rule_refuses(name: str, tmp_project: Project, runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(tmp_project.root), "new", name])
    assert result.exit_code == 2
    assert result.output.endswith(f"\nError: {meeting_id_problem(name)}\n")
    assert sorted(p.name for p in tmp_project.content_dir.iterdir()) == sorted(p.name for p in (REPO / "content").iterdir())


def test_misnamed_folders_and_briefs_are_reported_not_read(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "content").mkdir()
    shutil.copytree(REPO / "content" / "gfmd2010", tmp_path / "content" / "gfmd2010")
    shutil.copy(REPO / "content" / "themes.yaml", tmp_path / "content" / "themes.yaml")
    for name in ("_themes", "b" * 225, "abc\n"):
        shutil.copytree(REPO / "content" / "gfmd2010", tmp_path / "content" / name)
    (tmp_path / "content" / "briefs").mkdir()
    (tmp_path / "content" / "briefs" / "Our Brief.yaml").write_text("title: x\nmeetings: [gfmd2010]\ncountry: Mexico\n", encoding="utf-8")
    args = ["--project", str(tmp_path)]
    expected = [
        f"content/_themes/meeting.yaml:1:1: {meeting_id_problem('_themes')}",
        f"content/abc\\n/meeting.yaml:1:1: {meeting_id_problem('abc' + chr(10))}",
        f"content/{'b' * 40}…(225 characters)/meeting.yaml:1:1: {meeting_id_problem('b' * 225)}",
        f"content/briefs/Our Brief.yaml:1:1: {brief_name_problem('Our Brief')}",
    ]
    for _ in range(2):  # validated, then with gfmd2010 from the cache
        result = runner.invoke(main, [*args, "validate"])
        assert result.exit_code == 1
        assert result.output.splitlines() == [*sorted(expected), "4 problems in 4 files; nothing was built."]
    result = runner.invoke(main, [*args, "build", "--all", "--docx", "--kind", "chair-summary", "-q"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [*(f"{line} (not built)" for line in expected),
                                          "Error: 4 of 5 build(s) failed (1 built); see above"]
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [".reportgen-cache", "gfmd2010"]
    listed = runner.invoke(main, [*args, "list"]).output.splitlines()
    assert listed[0] == f"_themes  (not read: {meeting_id_problem('_themes')})" and listed[-1].startswith("gfmd2010  GFMD 2010")


def test_a_given_meeting_named_against_the_rule(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "GFMD 2010"])
    assert result.exit_code == 2 and result.output.endswith(f"\nError: {meeting_id_problem('GFMD 2010')}\n")


def test_compare_name_follows_the_rule(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "compare", "gfmd2010", "gfmd2011", "--name", "n" * 65, "--out", str(tmp_path)])
    assert result.exit_code == 2 and result.output.endswith(f"\nError: {brief_name_problem('n' * 65)}\n")


def test_default_brief_name_of_many_long_ids_fits_and_stays_apart() -> None:
    ids = [f"regional-consultation-on-migration-{year}-{'x' * 20}" for year in range(2010, 2017)]
    first, second = default_name(ids, ["remittances"], None), default_name(ids, ["governance"], None)
    assert brief_name_problem(first) is None and brief_name_problem(second) is None and first != second
    assert first.startswith("regional-consultation-on-migration-2010-") and len(first) == MAX_NAME
    assert default_name(["gfmd2010", "gfmd2011"], ["remittances"], "Mexico") == "gfmd2010_gfmd2011_mexico_remittances"
