"""`redline --from REV` reads a git revision safely (issue 16): streamed to disk within a size limit,
the project's path after `--`, symbolic links kept only inside the project folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.redline import versions

from .conftest import GFMD2010_ORGANISATIONS as ORGANISATIONS
from .conftest import REPO

MEETING = "gfmd2010"


def repository(repo: Path, project: str = ".", include_link: str | None = None) -> Path:
    """A git repository holding the project (gfmd2010 and the themes) in folder `project`, committed.
    With `include_link`, the organisations are included from a file reached through that link."""
    root = repo / project
    (root / "content").mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content" / MEETING, root / "content" / MEETING)
    shutil.copy(REPO / "content" / "themes.yaml", root / "content" / "themes.yaml")
    if include_link is not None:
        meeting = root / "content" / MEETING / "meeting.yaml"
        meeting.write_text("include: [organisations.yaml]\n" + meeting.read_text(encoding="utf-8").replace(ORGANISATIONS, ""), encoding="utf-8")
        shared = (root / "content" / MEETING / include_link).resolve()
        shared.parent.mkdir(parents=True, exist_ok=True)
        shared.write_text(ORGANISATIONS, encoding="utf-8")
        (root / "content" / MEETING / "organisations.yaml").symlink_to(include_link)
    git = ["git", "-C", str(repo), "-c", "user.name=Secretariat", "-c", "user.email=s@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "first draft"], check=True)
    return root


def redline(root: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), "redline", MEETING, "--from", "HEAD", "--kind", "chair-summary",
                                       "--docx", "--out", str(out)])
    return result.exit_code, result.output


def test_a_revision_over_the_size_limit_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "zeros.bin").write_bytes(bytes(3 << 20))  # 3 MB of zeros: a few kB in .git
    root = repository(repo)
    monkeypatch.setattr(versions, "MAX_VERSION_BYTES", 1 << 20)
    code, output = redline(root, tmp_path / "out")
    assert code == 2 and output.endswith("\nError: revision 'HEAD' holds more than 1 MB or 100000 files in the project folder; "
                                         "redline reads earlier versions of a project folder up to that size\n"), output
    assert not (tmp_path / "out").exists()


def test_a_project_folder_named_like_an_option(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo", project="--output=x")
    code, output = redline(root, tmp_path / "out")
    assert code == 0, output
    assert not (tmp_path / "repo" / "x").exists()
    assert (tmp_path / "out" / MEETING / f"{MEETING}-chair-summary-redline.docx").is_file()


def test_an_include_through_a_link_inside_the_project(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo", project="project", include_link="../shared/organisations.yaml")
    code, output = redline(root, tmp_path / "out")
    assert code == 0, output
    assert output.strip().endswith(f"{MEETING}-chair-summary-redline.docx")


def test_a_link_leading_out_of_the_project_is_left_out(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo", project="project", include_link="../../../elsewhere/organisations.yaml")
    code, output = redline(root, tmp_path / "out")
    assert code == 1
    assert output.startswith(f"HEAD:content/{MEETING}/meeting.yaml:1:11: include[0]: no file 'organisations.yaml' in content/{MEETING}/\n"), output
