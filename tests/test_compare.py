"""Comparison briefs (`reportgen compare`): overview matrix, traceable references, landscape
pages, theme filter, country view, saved briefs and errors. Outputs are read back."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.compare import ITEM_KINDS, country_roles, meeting_items
from reportgen.markup import plain
from reportgen.model import Meeting, load_meetings
from reportgen.project import Project

from .conftest import DATA, REPO, pdf_text

ALL = ["fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3"]  # also their order by date
DATE = "2025-01-15"
REFERENCE = re.compile(r"\[([a-z0-9-]+), (.+), ([^,\]]+)\]$")


def _compare(out: Path, *args: str) -> list[Path]:
    result = CliRunner().invoke(main, ["--project", str(REPO), "compare", *args, "--date", DATE, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.output.split()]


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Three briefs built once: all five meetings, remittances only (saved brief), Mexico."""
    out = tmp_path_factory.mktemp("briefs")
    built = {
        "all": _compare(out, *ALL, "--name", "all"),
        "remittances": _compare(out, "--brief", "remittances"),
        "mexico": _compare(out, *ALL, "--country", "Mexico", "--pdf", "--docx", "--name", "mexico"),
    }
    return {key: {p.suffix[1:]: p for p in paths} for key, paths in built.items()}


@pytest.fixture(scope="module")
def meetings(project: Project) -> dict[str, Meeting]:
    return load_meetings(project)


@pytest.fixture(scope="module")
def theme_labels() -> dict[str, str]:
    data = yaml.safe_load((REPO / "content" / "themes.yaml").read_text(encoding="utf-8"))
    return {t["label"]: t["id"] for t in data["themes"]}


# --------------------------------------------------------------------------- recount from the YAML


def _meeting_data(meeting_id: str) -> dict[str, Any]:
    folder = REPO / "content" / meeting_id
    data = yaml.safe_load((folder / "meeting.yaml").read_text(encoding="utf-8"))
    for name in data.get("include", []):
        for key, value in yaml.safe_load((folder / name).read_text(encoding="utf-8")).items():
            data[key] = data[key] + value if isinstance(value, list) and key in data else value
    return data


def _tagged_items(node: Any, kind: str | None = None):  # yields (list kind, item) for items with themes
    if isinstance(node, dict):
        if "themes" in node:
            yield kind, node
        inner = node.get("kind", "items") if "list" in node else kind
        for value in node.values():
            yield from _tagged_items(value, inner)
    elif isinstance(node, list):
        for value in node:
            yield from _tagged_items(value, kind)


def recount(meeting_id: str) -> Counter[str]:
    """Theme tags of a meeting, counted straight from its YAML files."""
    counts: Counter[str] = Counter()
    for kind, item in _tagged_items(_meeting_data(meeting_id)):
        assert kind in ITEM_KINDS, f"{meeting_id}: a {kind} item carries themes: {item['text'][:60]}"
        counts.update(set(item["themes"]))
    return counts


# --------------------------------------------------------------------------- an independent reference resolver


def _roman(n: int) -> str:
    table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, digits in table:
        while n >= value:
            out, n = out + digits, n - value
    return out


def _printed(style: str, n: int) -> str:
    core = {"(i)": _roman(n), "i)": _roman(n), "(a)": chr(96 + n), "a)": chr(96 + n)}.get(style, str(n))
    return {"(i)": f"({core})", "(a)": f"({core})", "(1)": f"({core})", "1.": f"{core}.", "i)": f"{core})",
            "a)": f"{core})", "1)": f"{core})"}[style]


def _find(lists: list[Any], token: str) -> Any:
    bullet = re.fullmatch(r"(conclusion|recommendation|message|point|item|entry) (\d+)", token)
    if bullet:
        kind = {"entry": "calendar"}.get(bullet[1], bullet[1] + "s")
        items = [item for block in lists if not block.numbered and block.kind == kind for item in block.items]
        return items[int(bullet[2]) - 1]
    found = [item for block in lists if block.numbered for i, item in enumerate(block.items)
             if _printed(block.list, block.start + i) == token]
    assert len(found) == 1, token
    return found[0]


def resolve(meeting: Meeting, where: str, marker: str) -> Any:
    """The list item a printed reference names, found by reading the meeting's sections."""
    names: dict[str, str] = {}
    candidates = []
    for trail, section in meeting.sections():
        own = (section.label or "").strip().removesuffix(".") or (plain(section.heading) if section.heading else "")
        names[section.id] = own or names.get(trail[-1] if trail else "", "")
        if names[section.id] == where:
            candidates.append(section)
    assert candidates, f"{meeting.id}: no section '{where}'"
    tokens = re.findall(r"(?:conclusion|recommendation|message|point|item|entry) \d+|\S+", marker)
    lists = [b for s in candidates for b in s.blocks if hasattr(b, "items") and hasattr(b, "list")]
    item = None
    for token in tokens:
        item = _find(lists, token)
        lists = [b for b in item.more if hasattr(b, "items")]
    return item


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# --------------------------------------------------------------------------- reading the DOCX back


def docx_tables(path: Path) -> list[tuple[str, Any]]:
    """(text of the heading before the table, table) for every table of the document."""
    document = docx.Document(str(path))
    by_element = {t._tbl: t for t in document.tables}
    heading, found = "", []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")).strip()
            style = child.find(".//{*}pStyle")
            if style is not None and "Heading" in (style.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") or ""):
                heading = text
        elif child in by_element:
            found.append((heading, by_element[child]))
    return found


def column_ids(table: Any) -> list[str]:
    return [m[1] for cell in table.rows[0].cells for m in [re.search(r"\(([a-z0-9-]+)\)\s*$", cell.text)] if m]


def matrix_of(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    table = next(t for _, t in docx_tables(path) if t.rows[0].cells[0].text == "Theme")
    return column_ids(table), {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows[1:]}


def theme_tables(path: Path) -> list[tuple[str, Any]]:
    return [(h, t) for h, t in docx_tables(path) if t.rows[0].cells[0].text != "Theme" and column_ids(t) and h]


# --------------------------------------------------------------------------- tests


def test_overview_counts_equal_the_theme_tags_in_content(briefs, theme_labels) -> None:
    ids, matrix = matrix_of(briefs["all"]["docx"])
    assert ids == ALL  # ordered by date
    assert set(matrix) == set(theme_labels)
    for label, cells in matrix.items():
        expected = [recount(m)[theme_labels[label]] for m in ids]
        assert cells == [str(n) if n else "" for n in expected], label
    # The PDF prints the same numbers, blank cells left out, in the same order.
    text = pdf_text(briefs["all"]["pdf"])
    overview = text[text.index("OVERVIEW"):text.index("Themes every meeting addressed")]
    for label, cells in matrix.items():
        line = next(line for line in overview.splitlines() if line.strip().startswith(label[:10]))
        assert re.findall(r"\b\d+\b", line) == [c for c in cells if c], label


def test_themes_every_meeting_and_only_one_meeting_addressed(briefs, theme_labels) -> None:
    counts = {m: recount(m) for m in ALL}
    every = [label for label, t in theme_labels.items() if all(counts[m][t] for m in ALL)]
    single = [label for label, t in theme_labels.items() if sum(1 for m in ALL if counts[m][t]) == 1]
    assert every and single
    text = re.sub(r"\s+", " ", pdf_text(briefs["all"]["pdf"]))
    part = text[text.index("Themes every meeting addressed"):text.index("Themes only one meeting addressed")]
    assert all(label in part for label in every)
    part = text[text.index("Themes only one meeting addressed"):text.index("THEMES SIDE BY SIDE")]
    assert all(label in part for label in single)


def test_every_cell_item_carries_a_reference_to_an_item_of_that_meeting(briefs, meetings, theme_labels) -> None:
    tables = theme_tables(briefs["all"]["docx"])
    counts = {m: recount(m) for m in ALL}
    assert [h for h, _ in tables] == [label for label, t in theme_labels.items() if any(counts[m][t] for m in ALL)]
    for heading, table in tables:
        theme = theme_labels[heading]
        ids = column_ids(table)
        assert ids == ALL
        seen: Counter[str] = Counter()
        for row in table.rows[1:]:
            if len({c._tc for c in row.cells}) == 1:  # a group row: Conclusions, Recommendations...
                assert row.cells[0].text in {"Conclusions", "Recommendations", "Messages", "Points"}
                continue
            for meeting_id, cell in zip(ids, row.cells):
                text = ""
                for para in cell.paragraphs:
                    text += " " + para.text
                    if not para.text.strip():
                        continue
                    match = REFERENCE.search(para.text.strip())
                    if not match:
                        continue  # a paragraph of a longer item; its reference ends the item
                    assert match[1] == meeting_id, para.text
                    item = resolve(meetings[meeting_id], match[2], match[3])
                    assert theme in item.themes, match[0]
                    assert _words(plain(item.text))[:80] in _words(text), match[0]
                    seen[meeting_id] += 1
                    text = ""
                assert not text.strip(), f"text without a reference in {heading}/{meeting_id}: {text[:80]}"
        assert [seen[m] for m in ALL] == [counts[m][theme] for m in ALL], heading


def test_references_are_unique_within_each_meeting(meetings) -> None:
    for meeting in meetings.values():
        refs = [r.reference for r in meeting_items(meeting)]
        assert len(refs) == len(set(refs)), meeting.id


def test_theme_tables_are_on_landscape_pages_with_repeated_headers(briefs) -> None:
    document = docx.Document(str(briefs["all"]["docx"]))
    assert document.sections[0].orientation == 0 and document.sections[-1].orientation == 1
    xml = zipfile.ZipFile(briefs["all"]["docx"]).read("word/document.xml").decode("utf-8")
    assert re.search(r'<w:pgSz[^>]*w:orient="landscape"', xml)
    # The cover is the only portrait part: the section break comes before the overview matrix.
    assert xml.index("<w:sectPr") < xml.index(">Theme<")
    for _, table in theme_tables(briefs["all"]["docx"]):
        header = table.rows[0]._tr
        assert header.find(".//{*}tblHeader") is not None
    # PDF: first page portrait, the rest landscape; every page of theme tables repeats the header.
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(briefs["all"]["pdf"])], capture_output=True,
                           text=True, check=True).stdout
    pages = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", sizes)]
    assert pages[0][0] < pages[0][1] and all(w > h for w, h in pages[1:])
    text = pdf_text(briefs["all"]["pdf"]).split("\f")
    start = next(i for i, page in enumerate(text) if "THEMES SIDE BY SIDE" in page)
    for number, page in enumerate(text[start + 1:], start + 2):
        if page.strip():
            assert all(f"({m})" in page for m in ALL), f"page {number} lacks the header row"


def test_theme_filter_from_a_saved_brief(briefs, meetings) -> None:
    ids, matrix = matrix_of(briefs["remittances"]["docx"])
    assert list(matrix) == ["Remittances"]
    assert matrix["Remittances"] == [str(recount(m)["remittances"] or "") for m in ids]
    tables = theme_tables(briefs["remittances"]["docx"])
    assert [h for h, _ in tables] == ["Remittances"]
    text = pdf_text(briefs["remittances"]["pdf"])
    assert "REMITTANCES IN FIVE MIGRATION MEETINGS" in re.sub(r"\s+", " ", text)  # the stylesheet sets capitals
    assert "15 January 2025" in text
    assert briefs["remittances"]["pdf"].name == "remittances.pdf"
    assert briefs["remittances"]["pdf"].parent.name == "compare"


def test_country_view_mexico(briefs, meetings) -> None:
    roles = {m: country_roles(meetings[m], "Mexico") for m in ALL}
    assert "chair of the meeting" in roles["gfmd2010"] and "host of the meeting" in roles["gfmd2010"]
    assert "co-chair of the meeting" in roles["gfmd2011"]
    assert "rapporteur of the meeting: Ambassador Jorge Lomónaco" in roles["gfmd2014-rt3"]
    text = re.sub(r"\s+", " ", pdf_text(briefs["mexico"]["pdf"]))
    for meeting_id in ALL:
        for role in roles[meeting_id]:
            assert role in text
    # Every item listed names Mexico, and every item naming Mexico is listed.
    listed = [REFERENCE.search(re.sub(r"\s+", " ", p.text).strip()) for p in docx.Document(str(briefs["mexico"]["docx"])).paragraphs]
    refs = [(m[1], m[2], m[3]) for m in listed if m]
    for meeting_id, where, marker in refs:
        assert "Mexico" in resolve(meetings[meeting_id], where, marker).countries
    expected = sum(1 for m in ALL for r in meeting_items(meetings[m]) if "Mexico" in r.item.countries)
    assert len(refs) == expected > 0
    assert "No item names Mexico." in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gfmd2010", "gfmd2099"], "unknown meeting 'gfmd2099'; meetings in this project: fibemyd2008, gfmd2010"),
        (["gfmd2010", "gfmd2011", "--theme", "remitances"], "unknown theme 'remitances' (did you mean 'remittances'?); themes: remittances, human-rights"),
        (["gfmd2010", "gfmd2011", "--country", "Mexica"], "unknown country 'Mexica' (did you mean 'Mexico'?); countries in content/: Argentina"),
        (["gfmd2010"], "a comparison needs at least two meetings"),
        (["gfmd2010", "gfmd2010"], "meeting 'gfmd2010' is given twice"),
        (["gfmd2010", "gfmd2011", "--name", "../up"], "invalid brief name '../up'"),
        (["--brief", "nothing"], "unknown brief 'nothing'; briefs in this project: remittances"),
        (["--brief", "remittances", "gfmd2010"], "--brief takes the meetings"),
    ],
)
def test_usage_errors(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "compare", *args, "--out", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "compare").exists()


def test_invalid_saved_brief_is_reported_with_locations(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    shutil.copy(DATA / "invalid-briefs" / "references.yaml", tmp_project.content_dir / "briefs" / "bad.yaml")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "bad", "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("content/briefs/bad.yaml:3:22: meetings[1]: unknown meeting 'gfmd2099'")
    assert lines[0].endswith("meetings in this project: fibemyd2008, gfmd2010, gfmd2011, gfmd2014-rt3, hld2013")
    assert lines[1].startswith("content/briefs/bad.yaml:4:10: themes[0]: unknown theme 'remitances' (did you mean 'remittances'?)")
    assert lines[2].startswith("content/briefs/bad.yaml:5:10: country: unknown country 'Mexica' (did you mean 'Mexico'?)")
    assert lines[3] == "3 problems in 1 file; nothing was built."


def test_saved_brief_schema_errors(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    shutil.copy(DATA / "invalid-briefs" / "schema.yaml", tmp_project.content_dir / "briefs" / "bad.yaml")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "bad", "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        "content/briefs/bad.yaml:1:1: missing required key 'title'",
        "content/briefs/bad.yaml:1:1: audiences: unknown key 'audiences' (did you mean 'audience'?)",
        "content/briefs/bad.yaml:2:11: meetings: expected a valid list, found 'gfmd2010'",
        "3 problems in 1 file; nothing was built.",
    ]


def test_briefs_pass_the_pdfua_checker_and_the_docx_schemas(briefs: dict, tmp_path: Path) -> None:
    """Tagged like every PDF (issue 10). In the gfmd2010/gfmd2011 brief a row runs on to a page
    that WeasyPrint gives no header row: that part is joined to the table before it."""
    import pdfua

    from .ooxml_schema import schema_errors

    split = {"pdf": _compare(tmp_path, "gfmd2010", "gfmd2011", "--pdf", "--name", "split")[0]}
    for name, paths in {**briefs, "split": split}.items():
        report = pdfua.validate(str(paths["pdf"]))
        assert not report.findings, (name, [(f.rule_id, f.message) for f in report.findings])
        if "docx" in paths:
            assert schema_errors(paths["docx"]) == [], name
