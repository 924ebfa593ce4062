"""Builds spread over processes and machines: one PDF layout per document when a second process
writes the PDF, `build --all --shard K/N`, and `build --all --scheduler` on a Dask cluster.

Every way of spreading a build must write the same bytes as a serial build."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from reportgen.build import BuildOptions, build_meeting, warm_up
from reportgen.project import Project
from reportgen.writers import pdf


def test_the_docx_built_beside_the_pdf_takes_its_page_numbers_from_that_layout(
        project: Project, built: dict[tuple[str, str, str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the PDF written by a second process, the DOCX contents' page numbers come from that
    process's layout: this process never lays the document out, and both files are the bytes of
    a serial build."""
    side = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        side.submit(warm_up).result()  # forked before layout_pdf is replaced below

        def no_layout_here(html: str, ctx: object) -> None:
            raise AssertionError("the PDF was laid out again in the DOCX's process")

        monkeypatch.setattr(pdf, "layout_pdf", no_layout_here)
        written = build_meeting(project, "hld2013", BuildOptions(out_dir=tmp_path), alongside=side)
    finally:
        side.shutdown()
    assert {p.name for p in written} == {f"hld2013-{kind}.{fmt}" for kind in ("rapporteur-report", "chair-summary") for fmt in ("pdf", "docx")}
    for path in written:
        kind = path.stem.removeprefix("hld2013-")
        assert path.read_bytes() == built["hld2013", kind, path.suffix[1:]].read_bytes(), f"{path.name} differs from a serial build"
