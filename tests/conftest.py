"""Shared fixtures: the real project, its seeds, and one build of every meeting per test session."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("REPORTGEN_SEEDS") or REPO.parent / "shared" / "seeds")  # the source documents
DATA = Path(__file__).resolve().parent / "data"

# gfmd2010's organisations, as its meeting.yaml writes them: tests move them to an included file.
GFMD2010_ORGANISATIONS = """organisations:
  - {id: gmg, name: Global Migration Group, acronym: GMG}
  - {id: iom, name: International Organization for Migration, acronym: IOM}
  - {id: un, name: United Nations, acronym: UN}
  - {id: macarthur-foundation, name: MacArthur Foundation}
  - {id: bbva-bancomer-foundation, name: BBVA-Bancomer Foundation, country: Mexico}
"""

# meeting id -> seed file (the ground truth each meeting must reproduce)
SEED_FILES = {
    "hld2013": "hld2013-eclac-rapporteur-report.txt",
    "fibemyd2008": "fibemyd2008-conclusions.txt",
    "gfmd2010": "gfmd2010-chair-conclusions.txt",
    "gfmd2011": "gfmd2011-san-salvador-workshop-summary.txt",
    "gfmd2014-rt3": "gfmd2014-rt3-rapporteur-report.txt",
}


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The validated-model cache of this test session, instead of the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("model-cache")
    os.environ["REPORTGEN_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(REPO)


@pytest.fixture(scope="session")
def seed_text():
    """Reads a meeting's seed document. Without the seeds folder (a clone on its own, away from the
    product's shared/ folder) the tests needing one skip, saying why, before building anything; a
    seed missing from a seeds folder that is there is an error."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not here ({SEEDS} is absent: the source documents live in the "
                    "product's shared/seeds/ beside the clone); the fidelity tests need them")

    def read(meeting_id: str) -> str:
        path = SEEDS / SEED_FILES[meeting_id]
        if not path.is_file():
            pytest.fail(f"seed {path} not found in {SEEDS}")
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """Every meeting built once, every kind, both formats: {(meeting, kind, fmt): path}."""
    out = tmp_path_factory.mktemp("output")
    paths: dict[tuple[str, str, str], Path] = {}
    for meeting_id in project.meeting_ids():
        for path in build_meeting(project, meeting_id, BuildOptions(out_dir=out)):
            kind = path.stem.removeprefix(meeting_id + "-")
            paths[(meeting_id, kind, path.suffix[1:])] = path
    return paths


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """Every example project meeting (examples/) built once, every kind, both formats: {(meeting, kind, fmt): path}."""
    out = tmp_path_factory.mktemp("examples")
    project = Project(REPO / "examples")
    paths = {}
    for meeting_id in project.meeting_ids():
        for path in build_meeting(project, meeting_id, BuildOptions(out_dir=out)):
            paths[(meeting_id, path.stem.removeprefix(meeting_id + "-"), path.suffix[1:])] = path
    return paths


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def tmp_project(tmp_path: Path) -> Project:
    """A writable copy of the project's content (templates come from the package defaults)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return Project(tmp_path)


def pdf_text(path: Path) -> str:
    """Text of a PDF as a reader extracts it (pdftotext keeps the reading order of the page)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def sigterm_while_writing(build_args: list[str], out: Path) -> tuple[int, bytes]:
    """Run `reportgen --project REPO build_args… --out out` in a process of its own, send it SIGTERM
    as soon as a temporary output file appears, and return its exit status and standard error.
    Skips the test when the build finished before a temporary file was seen."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    build = subprocess.Popen([sys.executable, "-m", "reportgen", "--project", str(REPO), *build_args, "--out", str(out)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while build.poll() is None and time.monotonic() < deadline and not list(out.glob("*/.*.part")):
        time.sleep(0.005)
    if build.poll() is not None:
        pytest.skip("the build finished before a temporary file was seen")
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=60)
    return build.returncode, stderr
