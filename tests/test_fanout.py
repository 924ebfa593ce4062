"""Builds spread over processes and machines: one PDF layout per document when a second process
writes the PDF, `build --all --shard K/N`, and `build --all --scheduler` on a Dask cluster.

Every way of spreading a build must write the same bytes as a serial build."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.build.batch import in_shard
from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.writers.output import warm_up
from reportgen.cli import main
from reportgen.build.incremental import CACHE_DIR
from reportgen.core.project import Project
from reportgen.writers import pdf, pdf_styles

from .conftest import REPO


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
    assert len(everything) == 7  # five meetings' chair summaries and the two saved briefs
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


# --------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A local Dask cluster: a scheduler and two worker processes on 127.0.0.1."""
    if os.environ.get("CI"):  # CI installs the test extras, which include reportgen[distributed]: no skipping there
        import distributed
    else:
        distributed = pytest.importorskip("distributed", reason="Dask is the optional extra reportgen[distributed]")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("folder", [REPO, REPO / "examples"], ids=["content", "examples"])
def test_a_dask_cluster_builds_every_meeting_like_build_all_j2(dask_scheduler: str, folder: Path, runner: CliRunner, tmp_path: Path) -> None:
    local = runner.invoke(main, ["--project", str(folder), "build", "--all", "-j", "2", "--out", str(tmp_path / "local"), "-q"])
    assert local.exit_code == 0, local.output
    on_dask = runner.invoke(main, ["--project", str(folder), "build", "--all", "--scheduler", dask_scheduler, "--out", str(tmp_path / "dask")])
    assert on_dask.exit_code == 0, on_dask.output
    files = written(tmp_path / "local")
    assert files == written(tmp_path / "dask")
    assert {f.split("/")[0] for f in files} >= set(Project(folder).meeting_ids())
    for name in files:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), f"{name} differs from build --all -j 2"
    assert sorted(on_dask.output.split()) == sorted(str(tmp_path / "dask" / name) for name in files)
    again = runner.invoke(main, ["--project", str(folder), "build", "--all", "--scheduler", dask_scheduler, "--out", str(tmp_path / "dask")])
    assert again.exit_code == 0 and again.output and all(line.endswith(": up to date") for line in again.output.splitlines())


def test_errors_on_a_dask_cluster_are_reported_as_build_all_reports_them(dask_scheduler: str, tmp_project: Project, runner: CliRunner) -> None:
    meeting = tmp_project.content_dir / "gfmd2010" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("city: Puerto Vallarta", "city: [Puerto Vallarta]", 1), encoding="utf-8")
    args = ["--project", str(tmp_project.root), "build", "--all", "--kind", "chair-summary", "--docx", "-q"]
    local = runner.invoke(main, [*args, "-j", "2", "--out", str(tmp_project.root / "local")])
    on_dask = runner.invoke(main, [*args, "--scheduler", dask_scheduler, "--out", str(tmp_project.root / "dask")])
    assert local.exit_code == on_dask.exit_code == 1
    assert "gfmd2010: failed:" in local.output and "3 of 7 build(s) failed (4 built)" in local.output  # both briefs compare gfmd2010
    assert on_dask.output.replace(str(tmp_project.root / "dask"), "OUT") == local.output.replace(str(tmp_project.root / "local"), "OUT")


def test_a_cluster_build_and_a_local_build_in_the_project_folder_are_up_to_date_with_each_other(
        dask_scheduler: str, tmp_project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers get absolute paths, a build run in the project folder relative ones: stamps name the
    project's files relative to it, so neither rebuilds what the other has just built."""
    fast = ["--kind", "chair-summary", "--docx"]
    on_dask = runner.invoke(main, ["--project", str(tmp_project.root), "build", "--all", *fast, "--scheduler", dask_scheduler, "-q"])
    assert on_dask.exit_code == 0, on_dask.output
    built = written(tmp_project.output_dir)
    assert len(built) == 7
    stamp = json.loads(next((tmp_project.output_dir / CACHE_DIR).glob("gfmd2010__*.json")).read_text(encoding="utf-8"))
    assert "content/gfmd2010/meeting.yaml" in stamp["inputs"] and not any(str(tmp_project.root) in name for name in stamp["inputs"])
    monkeypatch.chdir(tmp_project.root)
    local = runner.invoke(main, ["build", "--all", *fast])
    assert local.exit_code == 0 and len(local.output.splitlines()) == 7, local.output
    assert all(line.endswith(": up to date") for line in local.output.splitlines()), local.output
    edited = tmp_project.content_dir / "gfmd2011" / "meeting.yaml"  # then the other way round
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rebuilt = runner.invoke(main, ["build", "--all", *fast])
    assert rebuilt.exit_code == 0 and sum(not line.endswith(": up to date") for line in rebuilt.output.splitlines()) == 3, rebuilt.output
    again = runner.invoke(main, ["--project", str(tmp_project.root), "build", "--all", *fast, "--scheduler", dask_scheduler])
    assert again.exit_code == 0 and all(line.endswith(": up to date") for line in again.output.splitlines()), again.output
    assert written(tmp_project.output_dir) == built


def test_the_progress_bar_follows_the_tasks_on_the_cluster(dask_scheduler: str, tmp_project: Project) -> None:
    """Each finished task reaches the progress callback once (the CLI's bar advances on it), and
    the outcomes come back in the jobs' order, briefs after meetings."""
    from reportgen.build.batch import Settings, brief_names, plan
    from reportgen.build.cluster import run_on_cluster

    settings = Settings(formats=("docx",), kinds=("chair-summary",), out_dir=tmp_project.root / "out")
    jobs = plan(tmp_project, settings, tmp_project.meeting_ids(), brief_names(tmp_project))
    done: list[str] = []
    outcomes = run_on_cluster(tmp_project, settings, jobs, dask_scheduler, on_done=lambda outcome: done.append(outcome.job.label))
    assert sorted(done) == sorted(job.label for job in jobs) and len(done) == 7
    assert [o.job.label for o in outcomes] == [job.label for job in jobs]
    assert set(done[-2:]) == {"brief five-meetings", "brief remittances"}  # their tasks waited for the meetings'
    assert all(o.error is None and o.written for o in outcomes)


def test_a_cluster_whose_workers_do_not_see_the_project_builds_nothing(dask_scheduler: str, tmp_path: Path, runner: CliRunner,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.build import cluster

    monkeypatch.setattr(cluster, "_worker_ready", _blind_worker)
    result = runner.invoke(main, ["--project", str(REPO), "build", "--all", "--scheduler", dask_scheduler, "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "does not see the project folder" in result.output
    assert "2 of 2 Dask worker(s) cannot build this project as this machine would; nothing was built" in result.output
    assert written(tmp_path) == []


def _blind_worker(project_root: str) -> dict[str, object]:
    from reportgen.build.cluster import fingerprint

    return {"sees_project": False, **fingerprint()}


def test_dask_costs_a_plain_install_nothing(project: Project) -> None:
    """Dask is imported only by `build --all --scheduler`; without the extra that option says how to get it."""
    script = ("import sys; from click.testing import CliRunner; from reportgen.cli import main; import reportgen.build.batch, reportgen.build.meeting\n"
              "sys.modules['distributed'] = None  # as if the extra were not installed\n"
              f"r = CliRunner().invoke(main, ['--project', {str(project.root)!r}, 'build', '--all', '--force', '--scheduler', 'tcp://127.0.0.1:9'])\n"
              "print(r.exit_code, r.output.strip().splitlines()[-1]); print(sorted(m for m in sys.modules if m.startswith(('dask', 'distributed'))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert result.stdout.splitlines() == ["2 Error: --scheduler needs Dask: pip install 'reportgen[distributed]'", "['distributed']"]


def test_a_process_keeps_its_parsed_stylesheets_only_while_they_are_unchanged(tmp_path: Path) -> None:
    """A worker building meeting after meeting parses the stylesheets and loads the fonts once;
    an edited stylesheet (the live preview's case) is read again."""
    from pypdf import PdfReader

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    project = Project(tmp_path)
    options = BuildOptions(kinds=("chair-summary",), formats=("pdf",), out_dir=tmp_path / "out")
    pdf_styles._parsed.clear()
    (first,) = build_meeting(project, "gfmd2010", options)
    kept = dict(pdf_styles._parsed)
    build_meeting(project, "gfmd2010", options)
    assert pdf_styles._parsed == kept and len(kept) == 1  # the same font configuration and stylesheets again
    assert round(float(PdfReader(first).pages[0].mediabox.width)) == 595  # A4
    with (tmp_path / "templates" / "print.css").open("a", encoding="utf-8") as css:
        css.write("\n@page { size: A5; }\n")
    (again,) = build_meeting(project, "gfmd2010", options)
    assert round(float(PdfReader(again).pages[0].mediabox.width)) == 420  # A5: the edited stylesheet
    assert len(pdf_styles._parsed) == 2
