"""Briefing notes (`reportgen compare`): the chart's and the table's figures recounted from the YAML,
key points about substance (none a bare count) from suggested points when none are confirmed,
each item printed once in the annex as a whole-sentence gist with a reference that resolves, the
ten-minute length, the annex of full texts, the country view, saved briefs and errors. Outputs
are read back."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.briefs.compare import ITEM_KINDS, BriefRequest, brief_context, country_roles, meeting_items
from reportgen.briefs.items import compared_items, meeting_paragraphs
from reportgen.style.labels import Labels
from reportgen.render.markup import plain
from reportgen.content.model import Meeting, load_meetings
from reportgen.core.project import Project
from reportgen.style.search_path import template_search_path
from reportgen.render.sentences import needs_gist, sentences

from .conftest import DATA, REPO, pdf_text

ALL = ["fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3"]  # also their order by date
DATE = "2025-01-15"
REFERENCE = re.compile(r"\[([a-z0-9-]+), (.+), ([^,\]]+)\]$")
CITED = re.compile(r"\[[a-z0-9-]+, [^\[\]]+\]")
MEETING_ID = re.compile(r"\b(?:" + "|".join(map(re.escape, ALL)) + r")\b")
WORD_LIMIT = 2500


def _compare(out: Path, *args: str) -> list[Path]:
    result = CliRunner().invoke(main, ["--project", str(REPO), "compare", *args, "--date", DATE, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.output.split()]


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Briefs built once: all five meetings (also with --full, and in Spanish), remittances only
    (saved brief), Mexico."""
    out = tmp_path_factory.mktemp("briefs")
    built = {
        "all": _compare(out, *ALL, "--name", "all"),
        "full": _compare(out, *ALL, "--name", "full", "--full", "--pdf"),
        "es": _compare(out, *ALL, "--name", "es", "--lang", "es", "--pdf"),
        "remittances": _compare(out, "--brief", "remittances"),
        "governance": _compare(out, *ALL, "--theme", "governance", "--name", "governance"),  # the theme with most items
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
    """The list item (or paragraph block) a printed reference names, found by reading the meeting's
    sections: a section is named by its label, else its heading (or the heading's words before a
    colon); a continuation by its parent's name."""
    names: dict[str, str] = {}
    candidates = []
    for trail, section in meeting.sections():
        own = (section.label or "").strip().removesuffix(".") or (plain(section.heading) if section.heading else "")
        names[section.id] = own or names.get(trail[-1] if trail else "", "")
        if names[section.id] == where or (not section.label and names[section.id].startswith(where + ":")):
            candidates.append(section)
    assert candidates, f"{meeting.id}: no section '{where}'"
    paragraph = re.fullmatch(r"paragraph (\d+)", marker)
    if paragraph:
        count = 0
        for block in (b for s in candidates for b in s.blocks):
            if isinstance(block, str):
                count += len([p for p in block.split("\n\n") if p.strip()])
            elif hasattr(block, "intervention") or hasattr(block, "floor_debate"):
                text = block.text if hasattr(block, "intervention") else block.floor_debate
                count += len([p for p in text.split("\n\n") if p.strip()])
            elif hasattr(block, "paragraph"):
                count += 1
                if count == int(paragraph[1]):
                    return block
                count += len([p for p in block.paragraph.split("\n\n") if p.strip()]) - 1
        raise AssertionError(f"{meeting.id}, {where}: no paragraph {paragraph[1]}")
    tokens = re.findall(r"(?:conclusion|recommendation|message|point|item|entry) \d+|\S+", marker)
    lists = [b for s in candidates for b in s.blocks if hasattr(b, "items") and hasattr(b, "list")]
    item = None
    for token in tokens:
        item = _find(lists, token)
        lists = [b for b in item.more if hasattr(b, "items")]
    return item


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# --------------------------------------------------------------------------- reading the brief back


def docx_paragraphs(path: Path, cells: bool = True) -> list[str]:
    """Every paragraph of the DOCX body (and, with `cells`, of its table cells), whitespace collapsed."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables if cells else []:
        for row in table.rows:
            texts += [p.text for cell in row.cells for p in cell.paragraphs]
    return [re.sub(r"^– ", "", re.sub(r"\s+", " ", t).strip()) for t in texts]  # compact lists print their dash


def counts_table(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "Theme")
    return [c.text for c in table.rows[0].cells[1:]], {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows[1:]}


def printed_gists(path: Path, cells: bool = True) -> list[tuple[str, re.Match[str]]]:
    """(gist text, reference match) for every paragraph that ends with a bracketed reference (in the
    side-by-side cells too, unless `cells` is false: the annex and the country view are body text)."""
    marks = "|".join(re.escape(mark) for mark in Labels.load("en", template_search_path(Project(REPO)))["role_marks"].values())
    found = []
    for text in docx_paragraphs(path, cells):
        match = REFERENCE.search(text)
        if match:  # a side-by-side cell marks an item that qualifies or contrasts: "(qualifies) …"
            found.append((re.sub(rf"^\(({marks})\)\s*", "", text[:match.start()].strip()), match))
    return found


def words_before_the_annex(text: str) -> tuple[int, int]:
    """Words before the annex of items by theme (its heading; the contents name it first), and how
    many of them are in "See …" lines."""
    body = text[:text.upper().rfind("ALL ITEMS BY THEME")]
    see = sum(len(line.split()) for line in body.splitlines() if line.strip().startswith(("See ", "see ")))
    return len(body.split()), see


def docx_text(path: Path) -> str:
    """The DOCX's text in document order, one line per paragraph (in tables too)."""
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t"))) for p in body.iter(docx.oxml.ns.qn("w:p")))


def pdf_flow(path: Path, keep_pages: bool = False, raw: bool = False) -> str:
    """Text of a PDF in reading order (column after column; with `raw`, in the order drawn, which
    keeps the two columns of the annex apart), whitespace collapsed; pdftotext joins 'gfmd2014-'
    and 'rt3' across a line end, so the id is mended."""
    out = subprocess.run(["pdftotext", *(["-raw"] if raw else []), str(path), "-"], capture_output=True, text=True, check=True).stdout
    out = re.sub(r"gfmd2014-?\s*rt3", "gfmd2014-rt3", out)
    return out if keep_pages else re.sub(r"\s+", " ", out)


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out)[1])


# --------------------------------------------------------------------------- tests


def test_counts_table_equals_the_theme_tags_in_content(briefs, theme_labels) -> None:
    ids, matrix = counts_table(briefs["all"]["docx"])
    assert ids == ALL  # ordered by date
    assert set(matrix) == set(theme_labels)
    for label, cells in matrix.items():
        expected = [recount(m)[theme_labels[label]] for m in ids]
        assert cells == [str(n) if n else "–" for n in expected], label
    text = pdf_text(briefs["all"]["pdf"])
    table = text[re.search(r"Theme\s+fibemyd2008\s+gfmd2010", text).end():].splitlines()
    for label, cells in matrix.items():
        line = next(line for line in table if line.strip().startswith(label))
        assert re.findall(r"\b\d+\b|–", line.split(label, 1)[1]) == cells, label


def test_each_item_is_printed_once_under_its_first_theme(briefs, meetings, theme_labels) -> None:
    """In the annex of items by theme (the DOCX's body text; the side-by-side points are in a table)."""
    gists = printed_gists(briefs["all"]["docx"], cells=False)
    printed = Counter((m[1], m[2], m[3]) for _, m in gists)
    assert max(printed.values()) == 1
    expected = {(m, *r.reference.split(", ", 1)[1].rsplit(", ", 1)) for m in ALL for r in compared_items(meetings[m])}
    assert set(printed) == expected
    # Under which theme: the DOCX heading before the item is the item's first theme.
    document = docx.Document(str(briefs["all"]["docx"]))
    heading = ""
    for p in document.paragraphs:
        if p.style.name == "Heading 2":
            heading = p.text
        match = REFERENCE.search(re.sub(r"\s+", " ", p.text).strip())
        if match and heading in theme_labels:
            item = resolve(meetings[match[1]], match[2], match[3])
            assert item.themes[0] == theme_labels[heading], match[0]


def test_every_printed_gist_is_a_whole_sentence_of_its_item_or_its_gist(briefs, meetings) -> None:
    for key in ("all", "remittances", "mexico"):
        for text, match in printed_gists(briefs[key]["docx"]):
            item = resolve(meetings[match[1]], match[2], match[3])
            source = getattr(item, "text", None) or item.paragraph
            whole = [_words(plain(s)) for s in sentences(source)]
            lead = _words(plain(item.lead)) + " " if getattr(item, "lead", None) else ""
            candidates = {lead + w for w in whole} | ({lead + _words(plain(item.gist))} if getattr(item, "gist", None) else set())
            assert _words(text) in candidates, f"{key}: {match[0]}: {text[:80]}"


def test_every_reference_resolves_to_an_item_of_its_meeting(briefs, meetings) -> None:
    refs = [(m[1], m[2], m[3]) for key in ("all", "remittances", "governance", "mexico") for _, m in printed_gists(briefs[key]["docx"])]
    assert len(refs) > 300  # the annexes, the side-by-side cells and the country view
    for meeting_id, where, marker in refs:
        assert resolve(meetings[meeting_id], where, marker) is not None


def test_five_meeting_brief_without_confirmed_points_reads_in_ten_minutes(briefs) -> None:
    """`compare` of the five meetings without --brief (and the saved brief of one theme without
    points): at most 2,500 words before the annex in both formats, "See …" lines under 5 % (none:
    the annex gives each item once, under its first theme). Page 1 and the annex are portrait;
    only the side-by-side pages turn (five meetings)."""
    for key in ("all", "remittances", "governance"):
        for fmt in ("pdf", "docx"):
            text = pdf_text(briefs[key]["pdf"]) if fmt == "pdf" else docx_text(briefs[key]["docx"])
            words, see = words_before_the_annex(text)
            assert 300 < words <= WORD_LIMIT, (key, fmt, words)
            assert see < 0.05 * words and see == 0, (key, fmt, see)
    from pypdf import PdfReader

    pages = PdfReader(str(briefs["all"]["pdf"])).pages
    turned = [i for i, page in enumerate(pages) if page.mediabox.width > page.mediabox.height]
    assert turned and all("SIDE BY SIDE" in pages[i].extract_text() or "Point" in pages[i].extract_text() for i in turned)
    assert 0 not in turned and len(pages) - 1 not in turned
    sections = docx.Document(str(briefs["all"]["docx"])).sections
    assert [s.page_width > s.page_height for s in sections] == [False, True] + [False] * (len(sections) - 2)  # the overview is portrait again


def test_page_one_gives_title_audience_date_meetings_and_key_points(briefs) -> None:
    first = pdf_text(briefs["remittances"]["pdf"]).split("\f")[0]
    flat = re.sub(r"\s+", " ", first)
    assert "Briefing note" in flat and "REMITTANCES IN FIVE MIGRATION MEETINGS, 2008–2014" in flat  # the stylesheet sets capitals
    assert "Briefing note for delegations" in flat and "15 January 2025" in flat
    assert "Key points" in flat and all(m in flat for m in ALL)
    assert "CONTENTS" in flat


def test_chart_and_table_figures_equal_recounts_from_the_yaml(briefs, project) -> None:
    """The counts are in the chart and its table (test_counts_table_equals_the_theme_tags_in_content
    reads the table back): every number the chart draws is a count of items on a theme in a meeting,
    or a meeting's participants, recounted from the YAML files."""
    import base64

    from lxml import etree

    for key, themes in (("all", ()), ("remittances", ("remittances",))):
        context = brief_context(project, BriefRequest(tuple(ALL), themes, date=dt.date(2025, 1, 15)),
                                Labels.load("en", template_search_path(project)), points=False)
        svg = etree.fromstring(base64.b64decode(context["chart"].svg.split(",", 1)[1]))
        drawn = sorted(int(t) for t in ("".join(e.itertext()).strip() for e in svg.iter("{http://www.w3.org/2000/svg}text")) if t.isdigit())
        wanted = [t for t in (themes or sorted({t for m in ALL for t in recount(m)}))]
        expected = [recount(m)[t] for m in ALL for t in wanted if recount(m)[t]]
        heads = [next((f["count"] for f in _meeting_data(m)["meeting"].get("participation", []) if f["unit"] == "participants"), None) for m in ALL]
        expected += [n for n in heads if n is not None]
        assert drawn == sorted(expected), key


def test_no_key_point_is_a_bare_count(briefs, project) -> None:
    """Without confirmed points the key points come from suggested points (findings.py): each cites
    the items it rests on, and without its point, references, meeting ids and quotations no number is
    left; page 1 says they rest on points the secretariat has not confirmed."""
    labels = Labels.load("en", template_search_path(project))
    for key, themes in (("all", ()), ("remittances", ("remittances",)), ("governance", ("governance",))):
        context = brief_context(project, BriefRequest(tuple(ALL), themes, date=dt.date(2025, 1, 15)), labels)
        points, rows = context["key_points"], context["rows"]
        assert context["suggested"] and rows, key
        assert 1 <= len(points) <= 8
        page_1 = " ".join(pdf_text(briefs[key]["pdf"]).split("\f")[0].split())
        # The saved brief of that theme has points the secretariat confirmed: its page 1 says nothing of suggestions.
        assert (labels["suggested_key_points"] in page_1) == (key != "remittances")
        if key == "remittances":
            continue
        for point in points:
            assert point.refs
            row = next(r for r in rows if {x.reference for x in point.refs} <= set(r.references()))  # the refs are one point's
            assert all(f"{r.reference}" in point.text for r in point.refs)
            assert point.text.count(row.point.removesuffix(".")) <= 1, point.text  # a point worded as its item's gist is not said twice
            bare = point.text.replace(row.point.removesuffix("."), "")
            bare = MEETING_ID.sub("", CITED.sub("", re.sub(r"“[^”]*”", "", bare)))
            assert not re.search(r"\d", bare), point.text
            assert " ".join(point.text.split()) in page_1 or key == "governance"  # page 1 may run on to page 2
    assert len(brief_context(project, BriefRequest(tuple(ALL), date=dt.date(2025, 1, 15)), labels)["key_points"]) >= 3


def test_chart_is_in_both_formats(briefs) -> None:
    fonts = subprocess.run(["pdffonts", str(briefs["all"]["pdf"])], capture_output=True, text=True, check=True).stdout
    assert "Liberation-Sans" in fonts  # the chart's text (the body is set in a serif)
    images = subprocess.run(["pdfimages", "-list", str(briefs["all"]["pdf"])], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2  # a header and no image: the chart is vector graphics
    text = pdf_text(briefs["all"]["pdf"])
    assert text.count("Human rights of migrants") >= 3  # chart row label, counts table, theme heading
    document = docx.Document(str(briefs["all"]["docx"]))
    shapes = document.inline_shapes
    assert len(shapes) == 1
    assert abs(shapes[0].width - document.sections[0].page_width + document.sections[0].left_margin + document.sections[0].right_margin) < 20000
    blob = document.part.related_parts[shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    assert shapes[0]._inline.docPr.get("descr").startswith("Items on each theme")


def test_brief_rebuilds_identically(briefs, tmp_path: Path) -> None:
    again = _compare(tmp_path, *ALL, "--name", "all", "--docx")
    assert again[0].read_bytes() == briefs["all"]["docx"].read_bytes()


def test_theme_filter_from_a_saved_brief(briefs) -> None:
    ids, matrix = counts_table(briefs["remittances"]["docx"])
    assert list(matrix) == ["Remittances"]
    assert matrix["Remittances"] == [str(recount(m)["remittances"] or "–") for m in ids]
    assert briefs["remittances"]["pdf"].name == "remittances.pdf"
    assert briefs["remittances"]["pdf"].parent.name == "compare"


def test_full_texts_annex_each_item_once_with_page_numbers(briefs, meetings) -> None:
    text = pdf_flow(briefs["full"]["pdf"])
    annex = text[text.index("FULL TEXTS OF THE ITEMS"):]
    for meeting_id in ALL:
        for ref in compared_items(meetings[meeting_id]):
            assert annex.count(f"[{ref.reference}]") == 1, ref.reference
            assert _words(plain(ref.item.text))[:60] in _words(annex), ref.reference
    pages = [re.sub(r"\s+", " ", page) for page in pdf_flow(briefs["full"]["pdf"], keep_pages=True).split("\f")]
    first_annex_page = next(i for i, page in enumerate(pages, 1) if "FULL TEXTS OF THE ITEMS" in page)
    raw = pdf_flow(briefs["full"]["pdf"], raw=True)
    by_theme = raw[raw.rindex("ALL ITEMS BY THEME", 0, raw.index("FULL TEXTS OF THE ITEMS")):raw.index("FULL TEXTS OF THE ITEMS")]
    cited = re.findall(r"\[([a-z0-9-]+, [^\]]+), p\. (\d+)\]", by_theme)  # the side-by-side cells cite some again (read across their rows)
    assert len(cited) == sum(len(compared_items(meetings[m])) for m in ALL)
    for reference, page in cited:  # the page given is the page the item's full text starts on
        assert int(page) >= first_annex_page and f"[{reference}]" in pages[int(page) - 1], reference


def test_spanish_furniture_with_lang(briefs) -> None:
    text = re.sub(r"\s+", " ", pdf_text(briefs["es"]["pdf"]))
    assert "Nota informativa" in text and "Puntos principales" in text and "Reuniones comparadas" in text
    assert "Puntos sugeridos, aún no confirmados por la secretaría." in text and "15 de enero de 2025" in text
    assert "Todos los elementos por tema".upper() in text.upper()


def test_saved_brief_reference_line_and_audience_from_the_command_line(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    (tmp_project.content_dir / "briefs" / "ref.yaml").write_text(
        "title: Gender in two meetings\nreference: DMM/BN/2025/3\naudience: Delegations\n"
        "meetings: [gfmd2010, gfmd2014-rt3]\nthemes: [gender]\n", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "ref", "--audience", "Delegation of Chile",
                                  "--date", DATE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    first = re.sub(r"\s+", " ", pdf_text(tmp_path / "compare" / "ref.pdf").split("\f")[0])
    assert "DMM/BN/2025/3" in first and "Delegation of Chile" in first and "Delegations" not in first
    masthead = docx.Document(str(tmp_path / "compare" / "ref.docx")).tables[0]  # the masthead line, as in UN documents
    assert "DMM/BN/2025/3" in masthead.rows[0].cells[1].text


def test_country_view_mexico(briefs, meetings) -> None:
    roles = {m: country_roles(meetings[m], "Mexico") for m in ALL}
    assert "chair of the meeting" in roles["gfmd2010"] and "host of the meeting" in roles["gfmd2010"]
    assert "co-chair of the meeting" in roles["gfmd2011"]
    assert "rapporteur of the meeting: Ambassador Jorge Lomónaco" in roles["gfmd2014-rt3"]
    text = re.sub(r"\s+", " ", pdf_text(briefs["mexico"]["pdf"]))
    for meeting_id in ALL:
        for role in roles[meeting_id]:
            assert role in text
    refs = [(m[1], m[2], m[3]) for _, m in printed_gists(briefs["mexico"]["docx"])]
    expected = [r.reference for m in ALL for r in meeting_items(meetings[m]) if r.names("Mexico")]
    expected += [p.reference for m in ALL for p in meeting_paragraphs(meetings[m]) if p.names("Mexico")]
    assert sorted(", ".join(r) for r in refs) == sorted(expected) and expected
    assert "Nothing in the meeting’s record names Mexico." in text
    assert page_count(briefs["mexico"]["pdf"]) <= 4


def test_country_view_covers_a_paragraph_block_in_an_annex(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    annexes = tmp_project.content_dir / "hld2013" / "annexes.yaml"
    annexes.write_text(annexes.read_text(encoding="utf-8") + (
        "  - id: annex-3\n    label: Annex 3\n    heading: Statements received\n    blocks:\n"
        "      - An opening paragraph.\n"
        "      - paragraph: Uruguay sent a written statement on consular protection. It was circulated.\n"
        "        countries: [Uruguay]\n"), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "hld2013", "gfmd2010", "--country", "Uruguay",
                                  "--docx", "--date", DATE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    gists = printed_gists(tmp_path / "compare" / "gfmd2010_hld2013_uruguay.docx")
    assert ("Uruguay sent a written statement on consular protection.", "hld2013", "Annex 3", "paragraph 2") in [
        (text, m[1], m[2], m[3]) for text, m in gists]


def test_validate_gists_lists_the_items_briefs_would_shorten(runner: CliRunner, meetings) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "validate", "--gists"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()[1:-1]
    expected = [r for m in meetings.values() for r in meeting_items(m) if (r.kind in ITEM_KINDS or r.item.countries) and needs_gist(r.item)]
    assert len(lines) == len(expected) > 0
    assert all(re.match(r"content/[a-z0-9-]+/[a-z0-9-]+\.yaml:\d+:\d+: .*items\[\d+\]: no gist: ", line) for line in lines)
    assert result.output.splitlines()[-1] == (f"{len(expected)} items without a gist or summary: briefs and chair's summaries "
                                              "would shorten them, print a fragment or leave them out.")
    # A gist: removes the item from the list.
    first = expected[0]
    assert not needs_gist(first.item.model_copy(update={"gist": "A short summary."}))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gfmd2010", "gfmd2099"], "unknown meeting 'gfmd2099'; meetings in this project: fibemyd2008, gfmd2010"),
        (["gfmd2010", "gfmd2011", "--theme", "remitances"], "unknown theme 'remitances' (did you mean 'remittances'?); themes: remittances, human-rights"),
        (["gfmd2010", "gfmd2011", "--country", "Mexica"], "unknown country 'Mexica' (did you mean 'Mexico'?); countries in content/: Argentina"),
        (["gfmd2010"], "a comparison needs at least two meetings"),
        (["gfmd2010", "gfmd2010"], "meeting 'gfmd2010' is given twice"),
        (["gfmd2010", "gfmd2011", "--name", "../up"], "invalid brief name '../up'"),
        (["--brief", "nothing"], "unknown brief 'nothing'; briefs in this project: five-meetings, remittances"),
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
