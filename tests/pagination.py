"""Where headings fall in a PDF: the PDF writer's own and LibreOffice's rendering of the DOCX.

Used by the tests that check the DOCX paginates like the PDF and that --draft moves nothing.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lxml.html

NOISE = re.compile(r"[\W_]+")


def squeeze(text: str) -> str:
    """Text reduced to upper-case letters and digits, so line breaks and case do not matter."""
    return NOISE.sub("", text).upper()


def page_texts(pdf: Path, drop: str = "") -> list[str]:
    """Each page's text in content order (-raw keeps a heading's words together even under a
    diagonal watermark), squeezed, without the word `drop` (the watermark)."""
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [squeeze(page.replace(drop, "") if drop else page) for page in out.split("\f")[:-1]]


def top_headings(html: str, levels: tuple[str, ...] = ("h1",)) -> list[tuple[str, str]]:
    """(id, text) of every h1 of the body after the contents, footnotes left out."""
    root = lxml.html.document_fromstring(html)
    for note in root.xpath("//span[contains(concat(' ', @class, ' '), ' fn ')]"):
        note.drop_tree()
    return [(h.get("id"), squeeze(h.text_content())) for h in root.iter(*levels)]


def heading_pages(pdf: Path, headings: list[tuple[str, str]], start: int = 0, drop: str = "") -> dict[str, int]:
    """Page (1-based) of each heading, found in order from page `start` (0-based) on."""
    pages = page_texts(pdf, drop)
    found: dict[str, int] = {}
    index = start
    for anchor, text in headings:
        probe = text[:60]
        for i in range(index, len(pages)):
            if probe in pages[i]:
                found[anchor] = i + 1
                index = i
                break
    return found


def libreoffice_pdf(docx: Path, out_dir: Path, profile: Path) -> Path:
    """The DOCX as LibreOffice lays it out (converted to PDF headless)."""
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(docx)], capture_output=True, text=True, timeout=600, check=True)
    return out_dir / (docx.stem + ".pdf")
