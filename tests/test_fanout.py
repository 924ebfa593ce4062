"""Builds spread over processes and machines: one PDF layout per document when a second process
writes the PDF, `build --all --shard K/N`, and `build --all --scheduler` on a Dask cluster.

Every way of spreading a build must write the same bytes as a serial build."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch import in_shard
from reportgen.build import BuildOptions, build_meeting, warm_up
from reportgen.cli import main
from reportgen.incremental import CACHE_DIR
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


# --------------------------------------------------------------------------- shards


def test_shards_are_stable_cover_every_job_once_and_share_the_work() -> None:
    names = [f"meeting{i:04d}" for i in range(1000)]
    shards = {k: {n for n in names if in_shard("meeting", n, (k, 4))} for k in range(1, 5)}
    assert set().union(*shards.values()) == set(names)
    assert sum(len(s) for s in shards.values()) == len(names)  # disjoint
    assert all(200 <= len(s) <= 300 for s in shards.values()), {k: len(s) for k, s in shards.items()}
    # a meeting's shard follows from its name alone: adding meetings moves none of the others
    more = {n for n in [*names, *(f"new{i}" for i in range(100))] if in_shard("meeting", n, (2, 4))}
    assert more & set(names) == shards[2]
    assert all(in_shard("brief", "remittances", (1, 1)) for _ in range(3))


def test_shards_of_a_build_write_every_output_exactly_once(tmp_project: Project, runner: CliRunner, tmp_path: Path) -> None:
    fast = ["--kind", "chair-summary", "--docx"]
    whole = runner.invoke(main, ["--project", str(tmp_project.root), "build", "--all", *fast, "--out", str(tmp_path / "all"), "-q"])
    assert whole.exit_code == 0, whole.output
    everything = written(tmp_path / "all")
    assert len(everything) == 6  # five meetings' chair summaries and the saved brief
    parts = []
    for k in (1, 2, 3):
        result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "--all", "--shard", f"{k}/3", *fast,
                                      "--out", str(tmp_path / str(k)), "-j", "1"])
        assert result.exit_code == 0, result.output
        parts.append(written(tmp_path / str(k)))
        if not parts[-1]:
            assert result.output == f"shard {k}/3: no meeting or brief falls in this shard\n"
    assert set().union(*parts) == set(everything)
    assert sum(len(p) for p in parts) == len(everything)
    for part, k in zip(parts, (1, 2, 3)):
        for name in part:
            assert (tmp_path / str(k) / name).read_bytes() == (tmp_path / "all" / name).read_bytes()


def test_shard_and_scheduler_options_are_checked(runner: CliRunner, project: Project) -> None:
    for args, message in [(["--all", "--shard", "0/2"], "'0/2' is not K/N with 1 <= K <= N"),
                          (["--all", "--shard", "3/2"], "'3/2' is not K/N"),
                          (["--all", "--shard", "a"], "'a' is not K/N"),
                          (["hld2013", "--shard", "1/2"], "--shard goes with --all"),
                          (["hld2013", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler goes with --all"),
                          (["--all", "--scheduler", "nonsense"], "'nonsense' is not a Dask scheduler address"),
                          (["--all", "-j", "2", "--scheduler", "tcp://127.0.0.1:8786"], "give -j (processes on this machine) or --scheduler")]:
        result = runner.invoke(main, ["--project", str(project.root), "build", *args])
        assert result.exit_code == 2 and message in result.output, (args, result.output)


def written(folder: Path) -> list[str]:
    """The documents under an output folder, as relative paths (stamps left out)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and CACHE_DIR not in p.parts)
