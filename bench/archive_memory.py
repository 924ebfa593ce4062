"""Peak memory of reading an earlier git revision for `redline --from REV`: the whole `git archive`
held in memory (as reportgen did before issue 16) against streamed to disk (redline/versions.py),
for a project holding one large file of zeros (a few kB in .git, any size once checked out).

    python bench/archive_memory.py [MEGABYTES ...]      (default: 100 300)

Target (read from these figures, not a timed test): the streamed read stays near the interpreter's
own size whatever the revision holds; a revision over redline's limit is refused before a byte of
the large file is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BUFFERED = """
import io, subprocess, sys, tarfile, tempfile
out = subprocess.run(["git", "-C", sys.argv[1], "archive", "--format=tar", "HEAD"], capture_output=True, check=True).stdout
with tempfile.TemporaryDirectory() as tmp, tarfile.open(fileobj=io.BytesIO(out)) as tar:
    tar.extractall(tmp, filter="data")
"""
STREAMED = """
import sys
from pathlib import Path
from reportgen.core.project import Project
from reportgen.redline.versions import open_version
with open_version(Project(Path(sys.argv[1])), "HEAD") as version:
    pass
"""


REPORT = """
import resource
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_mb(code: str, repo: Path) -> tuple[float, float]:
    """Peak resident memory of a fresh Python running `code`, and of git under it."""
    done = subprocess.run([sys.executable, "-c", code + REPORT, str(repo)], check=True, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    own, git = done.stdout.split()[-2:]
    return int(own) / 1024, int(git) / 1024


def main(sizes: list[int]) -> None:
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("peak resident memory of reportgen's process (and of git archive under it, the same either way)")
    print(f"{'zeros':>8}  {'held in memory':>15}  {'streamed':>9}  {'git':>7}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp)
            shutil.copytree(REPO / "content" / "gfmd2010", repo / "content" / "gfmd2010")
            with (repo / "content" / "zeros.bin").open("wb") as fh:
                fh.truncate(size << 20)
            git = ["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
            subprocess.run(["git", "init", "-q", str(repo)], check=True)
            subprocess.run([*git, "add", "-A"], check=True)
            subprocess.run([*git, "commit", "-qm", "bench"], check=True)
            streamed = peak_mb(STREAMED, repo)
            buffered = peak_mb(BUFFERED, repo)
            print(f"{size:>6} MB  {buffered[0]:>12.0f} MB  {streamed[0]:>6.0f} MB  {streamed[1]:>4.0f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 300])
