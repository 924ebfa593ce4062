"""Validation: each deliberately broken input in tests/data/invalid/ gives exactly the message it
expects (its `# expect:` lines), exit code 1, and nothing built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main

from .conftest import DATA, REPO

CASES = sorted((DATA / "invalid").glob("*.yaml"))


def expected_lines(case: Path) -> list[str]:
    return [line.removeprefix("# expect: ").rstrip() for line in case.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


def project_with(case: Path, root: Path) -> Path:
    (root / "content" / "bad").mkdir(parents=True)
    shutil.copy(case, root / "content" / "bad" / "meeting.yaml")
    shutil.copy(REPO / "content" / "themes.yaml", root / "content" / "themes.yaml")
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_input_is_reported_exactly(case: Path, tmp_path: Path) -> None:
    root = project_with(case, tmp_path)
    result = CliRunner().invoke(main, ["--project", str(root), "validate", "bad"])
    expected = expected_lines(case)
    assert expected, f"{case.name} has no '# expect:' line"
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1
    assert lines[:-1] == expected
    n = len(expected)
    assert lines[-1] == f"{n} problem{'s' if n > 1 else ''} in 1 file; nothing was built."
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASES[:3], ids=[c.stem for c in CASES[:3]])
def test_invalid_input_builds_nothing(case: Path, tmp_path: Path) -> None:
    root = project_with(case, tmp_path)
    result = CliRunner().invoke(main, ["--project", str(root), "build", "bad", "--pdf"])
    assert result.exit_code == 1
    assert not (root / "output").exists()


def test_every_problem_in_every_file_is_reported(tmp_path: Path) -> None:
    root = project_with(DATA / "invalid" / "unknown-person.yaml", tmp_path)
    (root / "content" / "other").mkdir()
    shutil.copy(DATA / "invalid" / "unknown-theme.yaml", root / "content" / "other" / "meeting.yaml")
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("content/bad/meeting.yaml:")
    assert lines[1].startswith("content/other/meeting.yaml:")
    assert lines[-1] == "2 problems in 2 files; nothing was built."


def test_repository_content_is_valid(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("5 meetings valid:")


@pytest.mark.parametrize(("args", "message"), [
    (["build", "gfmd2011", "--kind", "chair-sumary"], "unknown report kind 'chair-sumary' (did you mean 'chair-summary'?)"),
    (["new", "x2026", "--house", "eclak"], "unknown house style 'eclak' (did you mean 'eclac'?)"),
])
def test_a_mistyped_name_on_the_command_line_gets_a_suggestion(args: list[str], message: str, tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
