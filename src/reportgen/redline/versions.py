"""Earlier versions of a project folder: a git revision (tag, branch, HEAD~2) or another folder.

A git revision is read with `git archive` into a temporary folder; the user's working tree and
index are never touched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ContentError, UsageProblem
from ..core.project import Project

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Version:
    """One version of the project: what the user called it and where its files are."""

    label: str  # the REF as given: 'draft-1', 'HEAD~2', '../report-v1', or 'working tree'
    project: Project
    git_date: str | None = None  # commit date of a git revision (ISO 8601)


def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=not binary, check=False)


def git_author(root: Path) -> str | None:
    """user.name from git's configuration, as seen from the project folder."""
    try:
        found = _git(root, "config", "user.name")
    except OSError:
        return None
    name = found.stdout.strip() if found.returncode == 0 else ""
    return name or None


@contextlib.contextmanager
def open_version(project: Project, ref: str | None) -> Iterator[Version]:
    """The project as it is (ref None), another project folder, or a git revision of this one."""
    if ref is None:
        yield Version("working tree", project)
        return
    folder = Path(ref)
    if folder.is_dir() and (folder / "content").is_dir():
        yield Version(ref, Project(folder))
        return
    with tempfile.TemporaryDirectory(prefix="reportgen-version-") as tmp:
        yield _from_git(project, ref, Path(tmp))


def _from_git(project: Project, ref: str, tmp: Path) -> Version:
    root = project.root.resolve()
    try:
        top = _git(root, "rev-parse", "--show-toplevel")
    except OSError:
        raise UsageProblem(f"'{ref}' is not a project folder, and git is not installed to read it as a revision") from None
    if top.returncode != 0:
        raise UsageProblem(f"'{ref}' is neither a project folder (with content/) nor a git revision: {project.display(root)} is not in a git repository")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit.returncode != 0:
        raise UsageProblem(f"'{ref}' is neither a project folder (with content/) nor a revision of the git repository at {top.stdout.strip()}")
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    archive = _git(Path(top.stdout.strip()), "archive", "--format=tar", commit.stdout.strip(), *([prefix] if prefix else []), binary=True)
    if archive.returncode != 0:
        raise UsageProblem(f"cannot read revision '{ref}': {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        _extract(tar, tmp)
    folder = tmp / prefix
    if not (folder / "content").is_dir():
        raise UsageProblem(f"revision '{ref}' has no content/ folder in {prefix or 'the repository root'}")
    date = _git(root, "show", "-s", "--format=%cI", commit.stdout.strip()).stdout.strip() or None
    log.info("read revision %s of %s into %s", ref, root, folder)
    return Version(ref, Project(folder), date)


def _extract(tar: tarfile.TarFile, target: Path) -> None:
    """Files and folders only, inside `target` (git archive writes nothing else; checked anyway)."""
    members = [m for m in tar.getmembers() if (m.isfile() or m.isdir()) and not Path(m.name).is_absolute() and ".." not in Path(m.name).parts]
    tar.extractall(target, members=members)  # noqa: S202 - members checked above


def relabel(error: ContentError, version: Version) -> ContentError:
    """Problems of an earlier version name the version before the file: 'draft-1:content/…'."""
    return ContentError(dataclasses.replace(p, file=f"{version.label}:{p.file}") for p in error.problems)
