"""Writers turn the rendered HTML into files: PDF (WeasyPrint) and DOCX (python-docx)."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import TemplateProblem
from ..project import is_inside

log = logging.getLogger(__name__)

# Named as the producing application in both formats (PDF /Creator, DOCX app.xml).
GENERATOR = f"reportgen {__version__}"

# Temporary files are named .<target>.<pid>.<random>.part, so that the next build of the folder
# can tell the debris of a killed build (its process is gone) from a write still under way.
_PART = re.compile(r"^\.(?P<target>.+?)\.(?:(?P<pid>\d+)\.)?[^.]+\.part$")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files that builds killed while writing left in `folder`."""
    removed = []
    for path in folder.glob(".*.part"):
        match = _PART.match(path.name)
        if match is None or (match["pid"] and _running(int(match["pid"]))):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
            log.info("removed %s, left by an interrupted build", path)
    return removed


@contextlib.contextmanager
def terminate_cleans_up(first: Callable[[int], None] | None = None) -> Iterator[None]:
    """While writing, SIGTERM exits through the `finally` blocks (as Ctrl-C does) instead of
    killing the process with a temporary file left behind. Only the main thread may do this.
    `first` is called with the signal's number before that (a build passes it on to its workers)."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        if first is not None:
            first(signum)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back (they are delivered on leaving) where an interruption would
    leave a file nobody knows of."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only if the block succeeds.

    A failed or interrupted write leaves no half-written file where the user looks for output,
    and the debris of a build killed outright is removed the next time the folder is written.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target.parent)
    with terminate_cleans_up():
        tmp: Path | None = None
        try:
            with _signals_held():  # no Ctrl-C or SIGTERM between creating the file and knowing its name
                fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
                tmp = Path(tmp_name)
            os.close(fd)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; output is meant to be shared
            yield tmp
            os.replace(tmp, target)
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)


Writer = Callable[[str, Path, "WriteContext"], None]


class WriteContext:
    """What a writer needs besides the HTML: where styles live and fixed metadata."""

    def __init__(self, search_path: list[Path], title: str, language: str, created: object,
                 stylesheets: list[Path] | None = None, *, pdf_standard: str = "ua-1", direction: str = "ltr") -> None:
        self.search_path = search_path
        # The print stylesheets in the order they apply (the shared base, then a house style's own);
        # empty: the first print.css on the search path.
        self.stylesheets = stylesheets or []
        self.title = title
        self.language = language
        self.direction = direction  # "rtl": the DOCX sets bidi on paragraphs, runs, tables and sections
        self.created = created  # datetime.datetime used for reproducible metadata
        self.pdf_standard = pdf_standard  # a key of writers.pdf.PDF_STANDARDS
        self.cache: dict[str, Any] = {}  # work one writer shares with the next (the PDF layout)

    def __getstate__(self) -> dict[str, Any]:
        """Sent to another process (the PDF laid out alongside): without the cache, which holds
        WeasyPrint objects and belongs to this process."""
        return {**self.__dict__, "cache": {}}

    def find(self, name: str) -> Path:
        """The first template folder holding `name` (project templates first)."""
        for folder in self.search_path:
            if (folder / name).is_file():
                if not is_inside(folder / name, folder):
                    raise TemplateProblem(f"{folder / name}: leads outside {folder} (through a symbolic link); "
                                          "styles are read only from the template folders")
                return folder / name
        raise FileNotFoundError(name)
