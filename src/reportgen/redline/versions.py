"""Earlier versions of a project folder: a git revision (tag, branch, HEAD~2) or another folder.

A git revision is read with `git archive` into a temporary folder; the user's working tree and
index are never touched. The archive is streamed to disk, never held in memory, and stops at
MAX_VERSION_BYTES (a revision holding a huge file is an error, not a machine out of memory). The
project's path in the repository follows `--`, so no folder name is taken for an option. Symbolic
links are kept when they lead to a file of the same project folder (an include through a link
works as in the working tree), and dropped otherwise.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import logging
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ContentError, UsageProblem
from ..core.project import Project, is_inside

log = logging.getLogger(__name__)

MAX_VERSION_BYTES = 1 << 30  # what an earlier version of a project folder may hold: 1 GiB
MAX_VERSION_FILES = 100_000


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
    _archive(Path(top.stdout.strip()), commit.stdout.strip(), prefix, tmp, ref)
    folder = tmp / prefix
    if not (folder / "content").is_dir():
        raise UsageProblem(f"revision '{ref}' has no content/ folder in {prefix or 'the repository root'}")
    date = _git(root, "show", "-s", "--format=%cI", commit.stdout.strip()).stdout.strip() or None
    log.info("read revision %s of %s into %s", ref, root, folder)
    return Version(ref, Project(folder), date)


def _archive(top: Path, commit: str, prefix: str, tmp: Path, ref: str) -> None:
    """`git archive` of the project folder at `commit`, extracted into `tmp` as it streams."""
    command = ["git", "-C", str(top), "archive", "--format=tar", commit, "--", *([prefix] if prefix else [])]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        assert process.stdout is not None
        failure: Exception | None = None
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
                _extract(tar, tmp, tmp / prefix, ref)
        except tarfile.TarError as exc:  # an empty or cut stream: git said why on its error output
            failure = exc
        except BaseException:
            process.kill()  # over the limit, or interrupted: git need not write the rest
            raise
        finally:
            process.stdout.close()
            process.wait()
        if process.returncode != 0 or failure is not None:
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip() or str(failure)
            raise UsageProblem(f"cannot read revision '{ref}': {' '.join(said.split())}")


def _extract(tar: tarfile.TarFile, target: Path, folder: Path, ref: str) -> None:
    """Files and folders inside `target` (git archive writes nothing else; checked anyway), within
    the limits; then the symbolic links that lead to a file inside the project `folder`."""
    total = count = 0
    links: list[tuple[Path, str]] = []
    for member in tar:
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts:
            continue
        if member.issym():
            links.append((target / name, member.linkname))
            continue
        if not (member.isfile() or member.isdir()):
            continue
        total, count = total + member.size, count + 1
        if total > MAX_VERSION_BYTES or count > MAX_VERSION_FILES:
            raise UsageProblem(f"revision '{ref}' holds more than {MAX_VERSION_BYTES >> 20} MB or {MAX_VERSION_FILES} files in the "
                               "project folder; redline reads earlier versions of a project folder up to that size")
        tar.extract(member, target, filter="data")
    for path, linkname in links:
        lead = Path(os.path.normpath(path.parent / linkname))
        if os.path.isabs(linkname) or not lead.is_relative_to(folder):
            log.info("revision %s: link %s leads outside the project folder; left out", ref, path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(linkname)
    for path, _ in links:  # a link to a link: what they finally lead to must be inside too
        if path.is_symlink() and not is_inside(path, folder):
            path.unlink()


def relabel(error: ContentError, version: Version) -> ContentError:
    """Problems of an earlier version name the version before the file: 'draft-1:content/…'."""
    return ContentError(dataclasses.replace(p, file=f"{version.label}:{p.file}") for p in error.problems)
