"""Issue 7: bad input and faults give one clean error line and exit 1, or build correctly.

The content-level classes (alias bombs, nesting, control characters, table shapes, list numbers,
dates, annex headings, footnotes in headings) are broken inputs in tests/data/invalid/; this file
covers what needs more than one meeting file: merge keys, limits, includes, debris of killed
builds, signals, historic dates, and broken overrides of labels, templates and reference.docx.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.core.loader import Limits, load_yaml
from reportgen.style.search_path import default_templates_dir
from reportgen.render.environment import Footnotes
from reportgen.core.atomic import atomic_target

from .conftest import REPO, sigterm_while_writing

MEETING = """\
document:
  kind_label: Report
  title: A meeting
  date: {date}
meeting:
  title: A meeting
  short_title: A meeting
  venue: {{city: Santiago, country: Chile}}
  start: {date}
include: {include}
body:
  - id: a
    heading: A section
    blocks:
      - A paragraph.
"""


def small_project(root: Path, *, date: str = "2013-07-10", include: str = "[]") -> Path:
    folder = root / "content" / "m"
    folder.mkdir(parents=True)
    (folder / "meeting.yaml").write_text(MEETING.format(date=date, include=include), encoding="utf-8")
    return root


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output.strip()


# --------------------------------------------------------------------------- the loader


def test_merge_keys_follow_yaml_1_1_local_keys_win(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nother: &o {y: 5, z: 6}\nm:\n  <<: [*b, *o]\n  y: 3\n", encoding="utf-8")
    loaded = load_yaml(path, "a.yaml")
    assert loaded.problems == []
    assert loaded.data["m"] == {"x": 1, "y": 3, "z": 6}
    assert loaded.marks.locate(("m", "y")).line == 5


def test_file_larger_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Limits, "file_bytes", 1000)
    path = tmp_path / "a.yaml"
    path.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    assert [str(p) for p in load_yaml(path, "a.yaml").problems] == [
        "a.yaml:1:1: the file is 0.0 MB; the limit is 0 MB (split it with include:)"]


def test_text_longer_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a:\n  b: " + "x" * (Limits.string_chars + 1) + "\n", encoding="utf-8")
    assert [str(p) for p in load_yaml(path, "a.yaml").problems] == [
        f"a.yaml:2:6: a.b: text of {Limits.string_chars + 1} characters is longer than the limit of {Limits.string_chars}"]


def test_include_through_a_symbolic_link_out_of_the_project_is_refused(tmp_path: Path) -> None:
    root = small_project(tmp_path / "p", include="[people.yaml]")
    secret = tmp_path / "secret.yaml"
    secret.write_text("people: [{id: s, name: Top secret}]\n", encoding="utf-8")
    (root / "content" / "m" / "people.yaml").symlink_to(secret)
    code, output = run(root, "validate", "m")
    assert code == 1
    assert output.splitlines()[0] == ("content/m/meeting.yaml:10:11: include[0]: 'people.yaml' leads outside the project "
                                      "folder (through a symbolic link); only the project's own files are read")


@pytest.mark.parametrize("name", ["_blocks.html.j2", "labels/en.yaml", "print.css"])
def test_template_folder_file_linking_out_of_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    root = small_project(tmp_path / "p")
    secret = tmp_path / "secret.txt"
    secret.write_text("months: [a]\n", encoding="utf-8")
    link = root / "templates" / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    code, output = run(root, "build", "m", "--kind", "rapporteur-report", "--pdf")
    assert code == 1
    folder = link.parent
    expected = {
        "_blocks.html.j2": f"Error: {link}: leads outside {folder} (through a symbolic link); templates are read only from the template folders",
        "labels/en.yaml": "templates/labels/en.yaml:1:1: leads outside the template folder (through a symbolic link); labels are read "
                          "only from the template folders\n1 problem in 1 file; nothing was built.",
        "print.css": f"Error: {link}: leads outside {folder} (through a symbolic link); styles are read only from the template folders",
    }
    assert output == expected[name]


# --------------------------------------------------------------------------- dates and debris


def test_historic_meeting_builds_with_zip_stamps_clamped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = small_project(tmp_path, date="1975-03-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    code, output = run(root, "build", "m", "--docx", "--kind", "rapporteur-report")
    assert code == 0, output
    with zipfile.ZipFile(root / "output" / "m" / "m-rapporteur-report.docx") as docx_zip:
        assert {info.date_time for info in docx_zip.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "1 March 1975" in docx_zip.read("word/document.xml").decode("utf-8")


def test_source_date_epoch_out_of_range_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = small_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999999")
    code, output = run(root, "build", "m", "--docx")
    assert code == 2
    assert output.splitlines()[-1] == ("Error: SOURCE_DATE_EPOCH=99999999999999999999 is not a time reportgen can write "
                                       "(seconds since 1970)")


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_debris_of_a_killed_build_is_removed_by_the_next_build(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    folder = root / "output" / "m"
    folder.mkdir(parents=True)
    stale = [folder / f".m-rapporteur-report.pdf.{_dead_pid()}.k3j_x9.part", folder / ".m-chair-summary.docx.ab12cd.part"]
    live = folder / f".m-chair-summary.pdf.{os.getpid()}.zz9_ab.part"  # a write under way in this process
    for path in (*stale, live):
        path.write_bytes(b"half")
    code, output = run(root, "build", "m", "--docx")
    assert code == 0, output
    assert not any(p.exists() for p in stale)
    assert live.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([live.name, "m-chair-summary.docx", "m-rapporteur-report.docx"])


def test_sigterm_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.pdf"
    with pytest.raises(SystemExit) as stopped:
        with atomic_target(target) as tmp:
            tmp.write_bytes(b"half")
            os.kill(os.getpid(), signal.SIGTERM)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert list(target.parent.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_build_killed_with_sigterm_while_writing_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    returncode, stderr = sigterm_while_writing(["build", "gfmd2014-rt3", "--pdf", "--kind", "rapporteur-report"], out)
    assert b"Traceback" not in stderr
    left = [p.name for p in (out / "gfmd2014-rt3").iterdir()]
    if returncode == 128 + signal.SIGTERM:  # stopped while writing: the temporary file is gone
        assert left == [] or left == ["gfmd2014-rt3-rapporteur-report.pdf"], left  # (or the rename was done)
    else:  # the signal came after the write: killed by it, with the complete file in place
        assert returncode == -signal.SIGTERM and left == ["gfmd2014-rt3-rapporteur-report.pdf"], (returncode, left)


def test_ctrl_c_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.docx"
    # Python's own Ctrl-C handler (a library an earlier test loaded may have replaced it), and the
    # signal raised in this thread: os.kill may hand it to another thread of the test process.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            with atomic_target(target) as tmp:
                tmp.write_bytes(b"half")
                signal.raise_signal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert list(target.parent.iterdir()) == []


def test_a_footnote_cited_twice_is_printed_once() -> None:
    md = Footnotes({"n": "The note."})
    assert md("First[^n].") == 'First<span class="fn">The note.</span>.'
    assert md("Again[^n].") == "Again."


# --------------------------------------------------------------------------- overrides


def _override(root: Path, name: str, content: str | bytes) -> Path:
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(("content", "message"), [
    ("months: [January\n", "templates/labels/en.yaml:2:1: YAML syntax error: did not find expected ',' or ']'"),
    ("- distr\n- page\n", "templates/labels/en.yaml:1:1: expected a mapping of keys at the top level"),
    ("months: [Jan, Feb, Mar]\n", "templates/labels/en.yaml:1:9: months: expected 12 entries, found 3"),
    ("date_format: '{dia} {month}'\n", "templates/labels/en.yaml:1:14: date_format: unknown placeholder {dia}; use {day}, {month}, {year}"),
    ("clock: twelve\n", "templates/labels/en.yaml:1:8: clock: expected a number like the packaged English catalogue, found a text"),
], ids=["syntax", "list-at-top", "too-few-months", "placeholder", "wrong-kind"])
def test_broken_label_override_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    root = small_project(tmp_path)
    _override(root, "labels/en.yaml", content)
    code, output = run(root, "validate", "m")
    assert code == 1
    assert output.splitlines() == [message, "1 problem in 1 file; nothing was built."]


def test_new_language_missing_a_key_is_one_line(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    english = (default_templates_dir() / "labels" / "en.yaml").read_text(encoding="utf-8")
    _override(root, "labels/pt.yaml", english.replace("contents: CONTENTS\n", ""))
    code, output = run(root, "build", "m", "--lang", "pt", "--docx")
    assert code == 1
    assert output.splitlines() == [
        "templates/labels/pt.yaml:1:1: missing key 'contents' (every catalogue needs the keys of the packaged labels/en.yaml)",
        "1 problem in 1 file; nothing was built."]
    assert not (root / "output").exists()


def test_template_not_utf8_is_one_line(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    path = _override(root, "rapporteur-report.html.j2", "{% extends '_base.html.j2' %}caf\xe9".encode("latin-1"))
    code, output = run(root, "build", "m", "--kind", "rapporteur-report", "--docx")
    assert code == 1
    assert output == f"Error: {path}: not UTF-8 text (unexpected end of data at byte 32)"


def test_template_that_includes_itself_is_one_line(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    path = _override(root, "rapporteur-report.html.j2", "{% include 'rapporteur-report.html.j2' %}")
    code, output = run(root, "build", "m", "--kind", "rapporteur-report", "--docx")
    assert code == 1
    assert output == f"Error: {path}: templates include, extend or call themselves without end"


@pytest.mark.parametrize(("content", "what"), [
    (b"", "not a .docx package"),
    (b"PK\x03\x04 not really a zip", "not a .docx package"),
    (None, "no relationship of type 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument' "
           "in collection"),
], ids=["empty", "corrupt", "zip-without-document"])
def test_broken_reference_docx_is_one_line(tmp_path: Path, content: bytes | None, what: str) -> None:
    root = small_project(tmp_path)
    if content is None:  # a zip package, but not a Word document
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            package.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        content = buffer.getvalue()
    path = _override(root, "reference.docx", content)
    code, output = run(root, "build", "m", "--docx")
    assert code == 1
    assert output == f"Error: {path}: not a usable Word document ({what})"
    assert not (root / "output").exists() or not any((root / "output").rglob("*.docx"))


@pytest.mark.parametrize(("html", "message"), [
    ('<table class="grid"><tr><td colspan="100000">x</td></tr></table>',
     '<td colspan="100000">: colspan must be a whole number from 1 to 100'),
    ('<table class="grid"><colgroup><col data-width="0"></colgroup><tr><td>x</td></tr></table>',
     '<col data-width="0">: data-width must be a whole number from 1 to 1000'),
    ('<p style="background:url(file:///etc/passwd)">x</p>',
     '<p style="..."> is not part of the HTML contract (attributes of <p>: class, dir, id, lang, data-*)'),
], ids=["colspan", "data-width", "style"])
def test_template_attributes_outside_the_contract_are_one_line(tmp_path: Path, html: str, message: str) -> None:
    root = small_project(tmp_path)
    path = _override(root, "rapporteur-report.html.j2", "{% extends '_base.html.j2' %}{% block body %}" + html + "{% endblock %}")
    code, output = run(root, "build", "m", "--kind", "rapporteur-report", "--pdf")
    assert code == 1
    assert output.startswith(f"Error: {path}: rendered HTML line ")
    assert output.endswith(message)
    assert "\n" not in output


def test_stylesheet_cannot_read_files_outside_the_template_folders(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    css = (default_templates_dir() / "print.css").read_text(encoding="utf-8")
    path = _override(root, "print.css", css + "\nbody { background: url(file:///etc/passwd); }\n")
    code, output = run(root, "build", "m", "--kind", "rapporteur-report", "--pdf")
    assert code == 1
    assert output == (f"Error: {path}: refers to file:///etc/passwd; reportgen reads only files in the template folders "
                      f"({root / 'templates'}, {default_templates_dir()})")


def test_table_too_wide_for_the_page_is_an_error_naming_it(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    meeting = root / "content" / "m" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "      - table: Budget lines\n        rows:\n"
                       "          - [" + ", ".join(["x"] * 20) + "]\n", encoding="utf-8")
    css = (default_templates_dir() / "print.css").read_text(encoding="utf-8")
    # twenty cells each at least 2 cm wide, whatever their words (borders and padding are house.yaml's,
    # applied after print.css: a rule here would be overridden)
    path = _override(root, "print.css", css + '\ntable.grid td::before { content: ""; display: inline-block; width: 2cm; }\n')
    code, output = run(root, "build", "m", "--kind", "rapporteur-report", "--pdf")
    assert code == 1
    assert output == (f"Error: {path}: page 2: the table 'Budget lines' is too wide for the page (it would be cut); "
                      "nothing was written")
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))


def test_repository_content_still_valid_with_every_bound() -> None:
    code, output = run(REPO, "validate")
    assert code == 0, output
