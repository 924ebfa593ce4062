"""Property: any meeting within the schema, with arbitrary Unicode text, builds in both formats,
and every character of its text comes back from each (hypothesis, bounded and derandomised)."""

from __future__ import annotations

import shutil
import string
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project
from reportgen.content.schema.base import MAX_LETTER_NUMBER, MAX_LIST_NUMBER
from reportgen.content.validate import check_meeting, load_themes

from .conftest import REPO
from .textcheck import body_texts, docx_text, missing, pdf_text

# Letters, digits, punctuation, symbols and spaces of the scripts the document fonts cover
# (Latin, Greek, Cyrillic), and typographic punctuation. Control characters are rejected by
# validation (tests/data/invalid/control-character.yaml), so they are not generated here.
PRINTABLE = ("L", "N", "P", "S", "Zs")
CHARS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F, categories=PRINTABLE),
    st.characters(min_codepoint=0x370, max_codepoint=0x3FF, categories=("L",)),
    st.characters(min_codepoint=0x400, max_codepoint=0x4FF, categories=("L",)),
    st.sampled_from("–—‘’“”„€£¥•…‰№"),
)


def escaped(text: str) -> str:
    """Text as written in a meeting file so that it prints as is: Markdown punctuation escaped."""
    return "".join("\\" + c if c in string.punctuation else c for c in text)


TEXT = st.text(CHARS, min_size=1, max_size=60).filter(str.strip).map(escaped)
LONG = st.text(CHARS, min_size=1, max_size=400).filter(str.strip).map(escaped)


@st.composite
def lists(draw: Any) -> dict:
    style = draw(st.sampled_from(["(i)", "(a)", "a)", "i)", "1.", "(1)", "1)", "-", "none"]))
    items = draw(st.lists(TEXT, min_size=1, max_size=4))
    limit = MAX_LETTER_NUMBER if "a" in style else MAX_LIST_NUMBER
    start = draw(st.integers(1, limit - len(items) + 1))
    return {"list": style, "start": start, "items": items}


@st.composite
def tables(draw: Any) -> dict:
    count = draw(st.integers(1, 6))
    table: dict = {"table": draw(TEXT), "rows": [draw(st.lists(TEXT, min_size=count, max_size=count)) for _ in range(draw(st.integers(1, 3)))]}
    if draw(st.booleans()):
        table["columns"] = draw(st.lists(TEXT, min_size=count, max_size=count))
        table["rows"].append([{"text": draw(TEXT), "colspan": count, "header": True}])
    if draw(st.booleans()):
        table["widths"] = draw(st.lists(st.integers(1, 5), min_size=count, max_size=count))
    return table


BLOCKS = st.one_of(TEXT, LONG, lists(), tables(), TEXT.map(lambda t: {"floor_debate": t}))


@st.composite
def meetings(draw: Any) -> dict:
    notes = draw(st.lists(TEXT, max_size=2))
    body = []
    for i in range(draw(st.integers(1, 3))):
        section: dict = {"id": f"s{i}", "heading": f"Section {i}", "blocks": draw(st.lists(BLOCKS, min_size=1, max_size=4))}
        if draw(st.booleans()):
            section["sections"] = [{"id": f"s{i}-sub", "heading": "Subsection", "blocks": draw(st.lists(BLOCKS, min_size=1, max_size=2))}]
        body.append(section)
    body[0]["blocks"].insert(0, "Notes." + "".join(f"[^n{i}]" for i in range(len(notes))))
    return {
        "document": {"kind_label": "Report", "title": "A meeting", "symbol": "A/1", "date": "2013-07-10"},
        "meeting": {"title": "A meeting", "short_title": "A meeting", "venue": {"city": "Santiago", "country": "Chile"},
                    "start": "2013-07-10"},
        "footnotes": {f"n{i}": note for i, note in enumerate(notes)},
        "body": body,
    }


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(meetings())
def test_any_valid_meeting_builds_both_formats_with_every_character(meeting: dict) -> None:
    with tempfile.TemporaryDirectory(prefix="reportgen-property-") as tmp:
        root = Path(tmp)
        (root / "content" / "m").mkdir(parents=True)
        shutil.copy(REPO / "content" / "themes.yaml", root / "content" / "themes.yaml")
        (root / "content" / "m" / "meeting.yaml").write_text(yaml.safe_dump(meeting, allow_unicode=True), encoding="utf-8")
        project = Project(root)
        doc, problems = check_meeting(project, "m", load_themes(project)[0])
        assert doc is not None, [str(p) for p in problems]
        pdf, docx = build_meeting(project, "m", BuildOptions(kinds=("rapporteur-report",), out_dir=root / "out"))
        texts = body_texts(doc)
        assert not missing(texts, pdf_text(pdf)), "PDF"
        assert not missing(texts, docx_text(docx)), "DOCX"
