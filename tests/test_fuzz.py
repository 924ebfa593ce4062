"""Mutation fuzzing over a real meeting file (fixed seed, bounded count): every mutant gives a
clean one-line error per problem and exit 1, or validates, and then builds both formats with
every character of its text; never a traceback, a hang, or exit 0 with text lost."""

from __future__ import annotations

import re
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.cli import main
from reportgen.core.project import Project
from reportgen.content.validate import check_meeting, load_themes

from .conftest import REPO
from .mutants import mutants
from .textcheck import body_texts, docx_text, missing, pdf_text

SOURCE = REPO / "content" / "gfmd2014-rt3" / "meeting.yaml"
SEED = 7
COUNT = 200
MAX_BUILDS = 8  # distinct valid mutants built in both formats (the rest are rendered to DOCX only)
SECONDS = 20  # per mutant: longer counts as a hang
PROBLEM = re.compile(r"^content/m/meeting\.yaml:\d+:\d+: \S.*$|^content/themes\.yaml:\d+:\d+: \S.*$")
SUMMARY = re.compile(r"^\d+ problems? in \d+ files?; nothing was built\.$")


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError(f"no answer within {SECONDS} s")


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return mutants(SOURCE.read_text(encoding="utf-8"), COUNT, SEED)


def test_every_mutant_fails_cleanly_or_builds_completely(corpus: list[str], tmp_path: Path) -> None:
    (tmp_path / "content" / "m").mkdir(parents=True)
    shutil.copy(REPO / "content" / "themes.yaml", tmp_path / "content" / "themes.yaml")
    project = Project(tmp_path)
    themes, _ = load_themes(project)
    meeting = tmp_path / "content" / "m" / "meeting.yaml"
    runner = CliRunner()
    seen: set[str] = set()
    built = rendered = invalid = 0
    previous = signal.signal(signal.SIGALRM, _timeout)
    try:
        for number, text in enumerate(corpus):
            meeting.write_text(text, encoding="utf-8")
            signal.alarm(SECONDS)
            result = runner.invoke(main, ["--project", str(tmp_path), "validate", "m"])
            signal.alarm(0)
            where = f"mutant {number}:\n{result.output}"
            assert result.exception is None or isinstance(result.exception, SystemExit), where + repr(result.exception)
            assert result.exit_code in (0, 1), where
            lines = result.output.strip().splitlines()
            if result.exit_code == 1:
                invalid += 1
                assert SUMMARY.match(lines[-1]) and all(PROBLEM.match(line) for line in lines[:-1]), where
                continue
            doc, problems = check_meeting(project, "m", themes)
            assert doc is not None and not problems, where
            key = doc.model_dump_json(warnings=False)
            if key in seen:
                continue
            seen.add(key)
            formats = ("pdf", "docx") if built < MAX_BUILDS else ("docx",)
            signal.alarm(SECONDS * 3)
            paths = build_meeting(project, "m", BuildOptions(formats=formats, kinds=("rapporteur-report",), out_dir=tmp_path / "out"))
            signal.alarm(0)
            built, rendered = (built + 1, rendered) if len(formats) == 2 else (built, rendered + 1)
            texts = body_texts(doc)
            for path in paths:
                text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
                assert not missing(texts, text), f"mutant {number}: {path.name} lost {missing(texts, text)}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    # The corpus exercises both sides: most mutants are errors, some still build.
    assert invalid >= COUNT // 4 and built >= 3, (invalid, built, rendered)
