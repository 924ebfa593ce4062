"""The mutation fuzz over a house.yaml and a label catalogue (issue 16): a project overriding the
packaged `un` house.yaml or the English labels with a broken copy gets, from `validate` and from
rendering, either a clean result or errors one line each (exit 1 or 2); never a traceback or a hang."""

from __future__ import annotations

import re
import shutil
import signal
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reportgen.build.meeting import BuildOptions, render_meeting
from reportgen.cli import main
from reportgen.core.project import Project

from .conftest import REPO
from .mutants import mutants

SEED = 16
COUNT = 60
SECONDS = 20
# One line naming what is wrong: a located content problem, or a file of the templates.
ONE_LINE = re.compile(r"^(\S+\.yaml:\d+:\d+: \S.*|Error: \S.*|\d+ problems? in \d+ files?; nothing was built\.|1 meeting valid: gfmd2010)$")


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError(f"no answer within {SECONDS} s")


@pytest.mark.parametrize("override", ["houses/un/house.yaml", "labels/en.yaml"])
def test_broken_house_and_label_files_fail_cleanly(override: str, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    shutil.copytree(REPO / "content" / "gfmd2010", tmp_path / "content" / "gfmd2010")
    shutil.copy(REPO / "content" / "themes.yaml", tmp_path / "content" / "themes.yaml")
    meeting = tmp_path / "content" / "gfmd2010" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("document:\n", "document:\n  house: un\n", 1), encoding="utf-8")
    target = tmp_path / "templates" / override
    target.parent.mkdir(parents=True)
    project = Project(tmp_path)
    runner = CliRunner()
    clean = failed = 0
    previous = signal.signal(signal.SIGALRM, _timeout)
    try:
        for number, text in enumerate(mutants((REPO / "templates" / override).read_text(encoding="utf-8"), COUNT, SEED)):
            target.write_text(text, encoding="utf-8")
            signal.alarm(SECONDS)
            result = runner.invoke(main, ["--project", str(tmp_path), "validate", "gfmd2010"])
            where = f"{override} mutant {number}:\n{text}\n{result.output}"
            assert result.exception is None or isinstance(result.exception, SystemExit), where + repr(result.exception)
            assert result.exit_code in (0, 1, 2), where
            lines = result.output.strip().splitlines()
            assert lines and all(ONE_LINE.match(line) or line.startswith(("Usage:", "Try ")) or not line for line in lines), where
            if result.exit_code:
                failed += 1
                continue
            try:  # valid: rendering (templates, labels, house) fails cleanly or not at all
                render_meeting(project, "gfmd2010", BuildOptions(formats=("docx",), kinds=("rapporteur-report",)))
                clean += 1
            except click.ClickException as exc:
                assert len(exc.format_message().splitlines()) >= 1, where
                failed += 1
            finally:
                signal.alarm(0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert clean >= 3 and failed >= 3, (clean, failed)
