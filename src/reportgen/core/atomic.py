"""Atomic writes: every file reportgen writes appears whole or not at all.

A file is written to a temporary `.NAME.PID.RANDOM.part` beside its target and renamed; SIGTERM and
Ctrl-C remove it on the way out, and the next build of the folder removes the debris of a build that
was killed outright. Used by the writers and by `reportgen new`, so it lives in core.
"""

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

log = logging.getLogger(__name__)


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
