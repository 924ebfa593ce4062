"""Regenerate templates/reference.docx: python-docx's blank document with reportgen's styles,
and templates/compare/reference.docx, the same with the narrower margins of briefing notes
(as print.css gives their pages).

Run after changing writers/docx_styles.py:  python tools/make_reference_docx.py
(Secretariats restyle the result in Word; the writer never overwrites an existing style.)
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Cm, Pt

from reportgen.writers.docx_styles import ensure_styles

# (folder under templates/, left and right, top, bottom margin in cm, styles changed: size, space before, after)
DOCUMENTS = (
    ("", 2.4, 2.5, 2.6, {}),
    # Briefing notes: page 1 holds the title, meetings, key points and contents, as print.css sets them.
    ("compare", 2.0, 2.0, 2.2, {"Document Title": (None, 12, 10), "Document Subtitle": (None, 0, 4),
                                "List Paragraph": (10, None, 3), "Caption": (None, 10, 4),
                                "TOC 1": (10, 0, 0), "TOC 2": (10, 0, 0), "Contents Heading": (None, 10, 4),
                                "Heading 1": (None, 10, 6), "Heading 2": (None, 8, 3)}),
)


def main() -> None:
    for folder, sides, top, bottom, changes in DOCUMENTS:
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
        section.left_margin = section.right_margin = Cm(sides)
        section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
        ensure_styles(document, restyle=True)
        for name, (size, before, after) in changes.items():
            style = document.styles[name]
            if size is not None:
                style.font.size = Pt(size)
            if before is not None:
                style.paragraph_format.space_before = Pt(before)
            if after is not None:
                style.paragraph_format.space_after = Pt(after)
        target = Path(__file__).resolve().parents[1] / "templates" / folder / "reference.docx"
        document.save(str(target))
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
