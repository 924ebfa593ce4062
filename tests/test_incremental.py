"""build --all, -j, incremental builds, and the validated-model cache.

One copy of the project is built once with `build --all -j 2` (module fixture). Its outputs are
compared byte for byte with the serial builds of the session; then each kind of input is changed
in turn and the plan must name exactly the outputs that depend on it (and the change is undone).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.build import incremental
from reportgen.build.batch import Settings, brief_names, plan
from reportgen.cli import main
from reportgen.briefs.compare import build_brief, saved_request
from reportgen.core.project import Project

from .conftest import REPO, sigterm_while_writing

TODAY = dt.date.today().isoformat()
PAIR_BRIEF = "# expect: a brief on two meetings only\ntitle: Two workshops\nmeetings: [gfmd2010, gfmd2011]\n"


@pytest.fixture(scope="module")
def batch_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project with its own templates and a second, smaller saved brief, built with --all -j 2."""
    root = tmp_path_factory.mktemp("batch")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "content" / "briefs" / "pair.yaml").write_text(PAIR_BRIEF, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--all", "-j", "2"])
    assert result.exit_code == 0, result.output
    return Project(root)


def stale(project: Project, **settings: object) -> set[str]:
    """The outputs a build would make now, as 'meeting/file' or 'compare/file'."""
    jobs = plan(project, Settings(**settings), project.meeting_ids(), brief_names(project))  # type: ignore[arg-type]
    return {t.output.relative_to(project.output_dir).as_posix() for job in jobs for t in job.stale}


def outputs(meeting: str, fmts: tuple[str, ...] = ("pdf", "docx"), kinds: tuple[str, ...] = ("rapporteur-report", "chair-summary"),
            language: str = "") -> set[str]:
    """A meeting's outputs; a language edition's carry its code (<id>-<kind>-es.pdf)."""
    suffix = f"-{language}" if language else ""
    return {f"{meeting}/{meeting}-{kind}{suffix}.{fmt}" for kind in kinds for fmt in fmts}


def briefs(*names: str, fmts: tuple[str, ...] = ("pdf", "docx")) -> set[str]:
    return {f"compare/{name}.{fmt}" for name in names for fmt in fmts}


MEETINGS = ("fibemyd2008", "gfmd2010", "gfmd2011", "gfmd2014-rt3", "hld2013")
EVERYTHING = {o for m in MEETINGS for o in outputs(m)} | briefs("remittances", "pair", "five-meetings")


@contextlib.contextmanager
def changed(path: Path, edit: str = "\n# edited\n") -> Iterator[None]:
    """Append to a file (or create it) for the duration of the block."""
    before = path.read_bytes() if path.exists() else None
    with path.open("ab") as fh:
        fh.write(edit.encode())
    try:
        yield
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)


def test_all_builds_every_meeting_and_brief_like_a_serial_build(batch_project: Project, built, tmp_path: Path) -> None:
    out = batch_project.output_dir
    for (meeting, kind, fmt), serial in built.items():
        assert (out / meeting / serial.name).read_bytes() == serial.read_bytes(), f"{meeting} {kind} {fmt} differs from a serial build"
    request = saved_request(batch_project, "remittances", date=dt.date.today(), out_dir=tmp_path)
    for path in build_brief(batch_project, request):
        assert (out / "compare" / path.name).read_bytes() == path.read_bytes()
    assert (out / "compare" / "pair.pdf").is_file()


def test_nothing_changed_is_up_to_date(batch_project: Project, runner: CliRunner) -> None:
    assert stale(batch_project) == set()
    result = runner.invoke(main, ["--project", str(batch_project.root), "build", "--all"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"{m}: up to date" for m in MEETINGS] + ["brief five-meetings: up to date", "brief pair: up to date",
                                                                                         "brief remittances: up to date"]


def test_force_rebuilds_everything(batch_project: Project) -> None:
    jobs = plan(batch_project, Settings(), batch_project.meeting_ids(), brief_names(batch_project), force=True)
    assert {t.output.relative_to(batch_project.output_dir).as_posix() for j in jobs for t in j.stale} == EVERYTHING


def test_a_meeting_file_rebuilds_that_meeting_and_the_briefs_comparing_it(batch_project: Project) -> None:
    with changed(batch_project.content_dir / "hld2013" / "people.yaml"):
        assert stale(batch_project) == outputs("hld2013") | briefs("remittances", "five-meetings")
    with changed(batch_project.content_dir / "gfmd2011" / "meeting.yaml"):
        assert stale(batch_project) == outputs("gfmd2011") | briefs("remittances", "pair", "five-meetings")


def test_a_new_content_file_rebuilds_its_meeting(batch_project: Project) -> None:
    with changed(batch_project.content_dir / "gfmd2014-rt3" / "notes.yaml", "{}\n"):
        assert stale(batch_project) == outputs("gfmd2014-rt3") | briefs("remittances", "five-meetings")


def test_touching_without_changing_rebuilds_nothing(batch_project: Project) -> None:
    path = batch_project.content_dir / "hld2013" / "meeting.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert stale(batch_project) == set()


def test_themes_rebuild_everything(batch_project: Project) -> None:
    with changed(batch_project.themes_file):
        assert stale(batch_project) == EVERYTHING


def test_the_brief_file_rebuilds_only_its_brief(batch_project: Project) -> None:
    with changed(batch_project.content_dir / "briefs" / "pair.yaml"):
        assert stale(batch_project) == briefs("pair")


def test_stylesheet_rebuilds_every_pdf_and_docx(batch_project: Project) -> None:
    """The DOCX too: its contents take their page numbers from the PDF layout."""
    with changed(batch_project.templates_dir / "print.css", "\n/* edited */\n"):
        assert stale(batch_project) == EVERYTHING


def test_reference_document_rebuilds_every_docx_only(batch_project: Project) -> None:
    with changed(batch_project.templates_dir / "reference.docx", "x"):
        assert stale(batch_project) == {o for o in EVERYTHING if o.endswith(".docx")}
    with changed(batch_project.templates_dir / "compare" / "reference.docx", "x"):  # the briefs' own
        assert stale(batch_project) == briefs("remittances", "pair", "five-meetings", fmts=("docx",))


def test_a_house_reference_document_or_stylesheet_rebuilds_that_format(batch_project: Project) -> None:
    """A house's own files are inputs too: a rebuilt houses/un/reference.docx must reach the DOCX."""
    house = batch_project.templates_dir / "houses" / "un"
    with changed(house / "reference.docx", "x"):
        assert stale(batch_project) == {o for o in EVERYTHING if o.endswith(".docx")}
    with changed(house / "print.css", "\n/* edited */\n"):
        assert stale(batch_project) == EVERYTHING


def test_a_kind_template_rebuilds_that_kind_only(batch_project: Project) -> None:
    with changed(batch_project.templates_dir / "chair-summary.html.j2", "{# edited #}\n"):
        assert stale(batch_project) == {o for m in MEETINGS for o in outputs(m, kinds=("chair-summary",))}
    with changed(batch_project.templates_dir / "compare" / "brief.html.j2", "{# edited #}\n"):
        assert stale(batch_project) == briefs("remittances", "pair", "five-meetings")


def test_shared_templates_and_labels_rebuild_everything(batch_project: Project) -> None:
    with changed(batch_project.templates_dir / "_blocks.html.j2", "{# edited #}\n"):
        assert stale(batch_project) == EVERYTHING
    with changed(batch_project.templates_dir / "labels" / "es.yaml"):
        assert stale(batch_project) == EVERYTHING


def test_fonts_rebuild_every_pdf_and_docx(batch_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "new-font.cache-9").write_bytes(b"font")
    monkeypatch.setattr(incremental, "FONT_CACHES", (*incremental.FONT_CACHES, tmp_path))
    assert stale(batch_project) == EVERYTHING


def test_another_reportgen_version_rebuilds_everything(batch_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "__version__", "99.0")
    assert stale(batch_project) == EVERYTHING


def test_writer_libraries_and_source_date_epoch_are_inputs(batch_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint shapes the DOCX too (its contents' page numbers come from the PDF layout);
    python-docx the DOCX only. SOURCE_DATE_EPOCH is read as it is at each plan, never remembered."""
    original = incremental.environment

    def upgraded(package: str):  # type: ignore[no-untyped-def]
        def environment(fmt: str, extra: tuple[str, ...] = ()) -> dict[str, object]:
            found = dict(original(fmt, extra))
            if package in found:
                found[package] = "999.0"
            return found

        return environment

    monkeypatch.setattr("reportgen.build.batch.environment", upgraded("weasyprint"))
    assert stale(batch_project) == EVERYTHING
    monkeypatch.setattr("reportgen.build.batch.environment", upgraded("python-docx"))
    assert stale(batch_project) == {o for o in EVERYTHING if o.endswith(".docx")}
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert stale(batch_project) == EVERYTHING
    monkeypatch.undo()
    assert stale(batch_project) == set()


def test_options_are_inputs(batch_project: Project) -> None:
    assert stale(batch_project, draft=True) == {o for m in MEETINGS for o in outputs(m)}
    assert stale(batch_project, language="es", formats=("pdf",)) == {o for m in MEETINGS for o in outputs(m, ("pdf",), language="es")}
    assert stale(batch_project, formats=("docx",), kinds=("chair-summary",)) == set()
    assert stale(batch_project, brief_date="2020-01-01") == briefs("remittances", "pair", "five-meetings")


def test_a_deleted_or_edited_output_is_rebuilt(batch_project: Project) -> None:
    target = batch_project.output_dir / "gfmd2010" / "gfmd2010-chair-summary.docx"
    with changed(target, "x"):
        assert stale(batch_project) == {"gfmd2010/gfmd2010-chair-summary.docx"}


def test_rebuild_after_a_change_builds_only_what_changed(tmp_project: Project, runner: CliRunner) -> None:
    args = ["--project", str(tmp_project.root), "build", "gfmd2010", "--kind", "chair-summary", "--docx"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0 and first.output.endswith("gfmd2010-chair-summary.docx\n")
    assert runner.invoke(main, args).output == "gfmd2010: up to date\n"
    meeting = tmp_project.content_dir / "gfmd2010" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("city: Puerto Vallarta", "city: Puerto Vallarta (Jalisco)", 1), encoding="utf-8")
    again = runner.invoke(main, args)
    assert again.exit_code == 0 and "up to date" not in again.output
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_project.output_dir / "gfmd2010" / "gfmd2010-chair-summary.docx")).paragraphs)
    assert "Puerto Vallarta (Jalisco)" in text
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0 and "up to date" not in forced.output


def test_errors_in_one_meeting_do_not_stop_the_others(tmp_project: Project, runner: CliRunner) -> None:
    meeting = tmp_project.content_dir / "gfmd2010" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nunexpected_key: 1\n", encoding="utf-8")
    (tmp_project.content_dir / "briefs" / "remittances.yaml").unlink()
    (tmp_project.content_dir / "briefs" / "five-meetings.yaml").unlink()
    result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "--all", "--kind", "chair-summary", "--docx", "-j", "2"])
    assert result.exit_code == 1
    assert "gfmd2010: failed:" in result.output
    assert "content/gfmd2010/meeting.yaml:" in result.output and "unexpected_key" in result.output
    assert "1 of 5 build(s) failed (4 built)" in result.output
    for other in ("fibemyd2008", "gfmd2011", "gfmd2014-rt3", "hld2013"):
        assert (tmp_project.output_dir / other / f"{other}-chair-summary.docx").stat().st_size > 0
    assert not (tmp_project.output_dir / "gfmd2010").exists()


def test_quiet_prints_nothing_on_success(tmp_project: Project, runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "gfmd2011", "--kind", "chair-summary", "--docx", "-q"])
    assert result.exit_code == 0 and result.output == ""


def test_build_needs_a_meeting_or_all(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build"])
    assert result.exit_code == 2 and "give a MEETING or --all" in result.output


def test_validate_and_list_see_changes_after_caching(tmp_project: Project, runner: CliRunner) -> None:
    args = ["--project", str(tmp_project.root)]
    assert runner.invoke(main, [*args, "validate"]).exit_code == 0
    assert runner.invoke(main, [*args, "validate"]).output.startswith("5 meetings valid")  # from the cache
    meeting = tmp_project.content_dir / "gfmd2011" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("city: San Salvador", "city: Santa Ana", 1), encoding="utf-8")
    listed = runner.invoke(main, [*args, "list"]).output
    assert "Santa Ana" in listed
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nunexpected_key: 1\n", encoding="utf-8")
    result = runner.invoke(main, [*args, "validate"])
    assert result.exit_code == 1 and "unexpected_key" in result.output
    assert not tmp_project.output_dir.exists()  # validating writes nothing in output/


def test_progress_bar_on_a_terminal_only(tmp_project: Project) -> None:
    """On a terminal the build shows a bar with documents done; on a pipe only the file names."""
    import pty
    import subprocess
    import sys

    for meeting in ("fibemyd2008", "gfmd2014-rt3", "hld2013"):
        shutil.rmtree(tmp_project.content_dir / meeting)
    (tmp_project.content_dir / "briefs" / "remittances.yaml").unlink()
    (tmp_project.content_dir / "briefs" / "five-meetings.yaml").unlink()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "reportgen", "--project", str(tmp_project.root), "build", "--all",
               "--kind", "chair-summary", "--docx", "-j", "2"]
    leader, follower = pty.openpty()
    subprocess.run(command, stdout=follower, stderr=follower, env=env, check=True)
    os.close(follower)
    shown = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(leader, 65536):
            shown += chunk
    os.close(leader)
    assert b"Building" in shown and b"2/2" in shown
    piped = subprocess.run([*command, "--force"], capture_output=True, text=True, env=env, check=True)
    assert "Building" not in piped.stdout + piped.stderr
    assert piped.stdout.count(".docx") == 2


def test_sigterm_stops_the_workers_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    """SIGTERM to `build --all -j 2` is passed on to the workers: whatever they were writing is
    removed, and the build ends with status 128 + 15, without a traceback."""
    import signal

    out = tmp_path / "out"
    returncode, stderr = sigterm_while_writing(["build", "--all", "--pdf", "-j", "2"], out)
    assert b"Traceback" not in stderr, stderr
    assert returncode in (128 + signal.SIGTERM, -signal.SIGTERM)
    assert list(out.glob("*/.*.part")) == []
