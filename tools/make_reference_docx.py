"""Regenerate templates/reference.docx: python-docx's blank document with reportgen's styles.

Run after changing writers/docx_styles.py:  python tools/make_reference_docx.py
(Secretariats restyle the result in Word; the writer never overwrites an existing style.)
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Cm

from reportgen.writers.docx_styles import ensure_styles


def main() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.4)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.6)
    ensure_styles(document, restyle=True)
    target = Path(__file__).resolve().parents[1] / "templates" / "reference.docx"
    document.save(str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
