"""Writers turn the rendered HTML into files: PDF (WeasyPrint) and DOCX (python-docx), each walking the
same HTML; output paths and reproducible dates (output.py).

May import: render, content, style, core."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.errors import TemplateProblem
from ..core.project import is_inside
from ..style.measures import Measures

log = logging.getLogger(__name__)

# Named as the producing application in both formats (PDF /Creator, DOCX app.xml).
GENERATOR = f"reportgen {__version__}"

Writer = Callable[[str, Path, "WriteContext"], None]


class WriteContext:
    """What a writer needs besides the HTML: where styles live and fixed metadata."""

    def __init__(self, search_path: list[Path], title: str, language: str, created: object,
                 stylesheets: list[Path] | None = None, *, pdf_standard: str = "ua-1", direction: str = "ltr",
                 measures: Measures | None = None) -> None:
        self.search_path = search_path
        # The print stylesheets in the order they apply (the shared base, then a house style's own);
        # empty: the first print.css on the search path.
        self.stylesheets = stylesheets or []
        # The lengths and colours the house sets (style/measures.py), read by both writers: CSS
        # applied after the stylesheets in the PDF, spacing, borders and indents in Word.
        self.measures = measures or Measures()
        self.title = title
        self.language = language  # a BCP 47 tag with the house's variant (en-GB): the PDF's /Lang, Word's proofing language
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
