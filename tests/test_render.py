"""Inline Markdown, the HTML contract, template overrides, labels and atomic writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.render.contract import check_html
from reportgen.core.errors import TemplateProblem
from reportgen.style.labels import Labels
from reportgen.render.markup import inline, paragraphs
from reportgen.style.search_path import default_templates_dir
from reportgen.core.atomic import atomic_target


def test_inline_subset_and_no_raw_html() -> None:
    html = inline("*a* **b** [c](http://x.org) 16^th^ H~2~O <script>x</script> [^n]", {"footnotes": {"n": "*Note*."}})
    assert html == ('<em>a</em> <strong>b</strong> <a href="http://x.org">c</a> 16<sup>th</sup> H<sub>2</sub>O '
                    '&lt;script&gt;x&lt;/script&gt; <span class="fn"><em>Note</em>.</span>')


def test_paragraphs_split_on_blank_lines() -> None:
    assert paragraphs("one\nline\n\n  two\n\n\n") == ["one\nline", "two"]


def test_contract_rejects_unknown_tags_and_classes() -> None:
    with pytest.raises(TemplateProblem, match=r"x\.html\.j2: rendered HTML line 1: <blink> is not part of the HTML contract"):
        check_html("<p>a<blink>b</blink></p>", "x.html.j2")
    with pytest.raises(TemplateProblem, match='<p class="fancy">'):
        check_html('<p class="fancy">a</p>', "x.html.j2")
    with pytest.raises(TemplateProblem, match="<ol> needs data-style"):
        check_html("<ol><li>a</li></ol>", "x.html.j2")
    check_html('<ol data-style="(i)" start="2"><li>a</li></ol>', "x.html.j2")


def test_contract_pictures_need_src_and_alt() -> None:
    with pytest.raises(TemplateProblem, match="<img> needs src and alt"):
        check_html('<p class="figure"><img src="data:image/png;base64,AAAA"></p>', "x.html.j2")
    with pytest.raises(TemplateProblem, match="never from a file"):
        check_html('<p class="figure"><img src="/etc/hostname" alt="x"></p>', "x.html.j2")
    check_html('<p class="figure"><img src="data:image/svg+xml;base64,AAAA" data-raster="data:image/png;base64,AAAA" alt="A chart"></p>', "x.html.j2")


def test_project_template_overrides_default(tmp_project, tmp_path: Path) -> None:
    templates = tmp_project.root / "templates"
    templates.mkdir()
    base = (default_templates_dir() / "rapporteur-report.html.j2").read_text(encoding="utf-8")
    (templates / "rapporteur-report.html.j2").write_text(
        base.replace("{% block body %}", "{% block body %}<p class=\"para\">Prepared by the secretariat.</p>"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--project", str(tmp_project.root), "build", "gfmd2010", "--kind",
                                       "rapporteur-report", "--docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(out / "gfmd2010" / "gfmd2010-rapporteur-report.docx"))
    assert "Prepared by the secretariat." in [p.text for p in document.paragraphs]


def test_template_outside_contract_fails_naming_template(tmp_project, tmp_path: Path) -> None:
    templates = tmp_project.root / "templates"
    templates.mkdir()
    (templates / "rapporteur-report.html.j2").write_text(
        '{% extends "_base.html.j2" %}{% block body %}<marquee>x</marquee>{% endblock %}', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_project.root), "build", "gfmd2010", "--kind",
                                       "rapporteur-report", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "rapporteur-report.html.j2: rendered HTML line" in result.output and "<marquee>" in result.output
    assert not (tmp_path / "out").exists()


def test_template_syntax_error_is_located(tmp_project, tmp_path: Path) -> None:
    templates = tmp_project.root / "templates"
    templates.mkdir()
    (templates / "rapporteur-report.html.j2").write_text('{% extends "_base.html.j2" %}\n{% block body %}{% if %}{% endblock %}', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_project.root), "build", "gfmd2010", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "rapporteur-report.html.j2:2: template syntax error" in result.output
    assert "Traceback" not in result.output


def test_labels_format_dates_and_times() -> None:
    en = Labels.load("en", [default_templates_dir()])
    assert en.date_range(dt.date(2013, 7, 10), dt.date(2013, 7, 11)) == "10 and 11 July 2013"
    assert en.date_range(dt.date(2014, 5, 14), dt.date(2014, 5, 16)) == "14 to 16 May 2014"
    assert en.date_range(dt.date(2013, 9, 30), dt.date(2013, 10, 2)) == "30 September to 2 October 2013"
    assert en.time_range("08:30", "09:00") == "8.30 to 9 a.m."
    assert en.time_range("11:30", "13:00") == "11.30 a.m. to 1 p.m."
    assert en.time_range("12:45", "14:00") == "12.45 to 2 p.m."
    es = Labels.load("es", [default_templates_dir()])
    assert es.date(dt.date(2013, 9, 26)) == "26 de septiembre de 2013"
    assert es.time_range("08:30", "09:00") == "8.30 a 9.00 horas"
    assert es.weekday_date(dt.date(2013, 7, 10)) == "miércoles 10 de julio"


def test_project_label_override_is_key_by_key(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "en.yaml").write_text("contents: TABLE OF CONTENTS\n", encoding="utf-8")
    labels = Labels.load("en", [tmp_path, default_templates_dir()])
    assert labels.contents == "TABLE OF CONTENTS" and labels.distr == "Distr."


def test_atomic_target_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.pdf"
    with pytest.raises(RuntimeError):
        with atomic_target(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("writer failed")
    assert list((tmp_path / "out").iterdir()) == []
    with atomic_target(target) as tmp:
        tmp.write_text("whole")
    assert target.read_text() == "whole" and len(list((tmp_path / "out").iterdir())) == 1
