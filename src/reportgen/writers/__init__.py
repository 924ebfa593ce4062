"""Writers turn the rendered HTML into files: PDF (WeasyPrint) and DOCX (python-docx)."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__

log = logging.getLogger(__name__)

# Named as the producing application in both formats (PDF /Creator, DOCX app.xml).
GENERATOR = f"reportgen {__version__}"


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only if the block succeeds.

    A failed or interrupted write leaves no half-written file where the user looks for output.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; output is meant to be shared
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


Writer = Callable[[str, Path, "WriteContext"], None]


class WriteContext:
    """What a writer needs besides the HTML: where styles live and fixed metadata."""

    def __init__(self, search_path: list[Path], title: str, language: str, created: object, *,
                 pdf_standard: str = "ua-1") -> None:
        self.search_path = search_path
        self.title = title
        self.language = language
        self.created = created  # datetime.datetime used for reproducible metadata
        self.pdf_standard = pdf_standard  # a key of writers.pdf.PDF_STANDARDS
        self.cache: dict[str, Any] = {}  # work one writer shares with the next (the PDF layout)

    def find(self, name: str) -> Path:
        """The first template folder holding `name` (project templates first)."""
        for folder in self.search_path:
            if (folder / name).is_file():
                return folder / name
        raise FileNotFoundError(name)
