"""`reportgen redline`: hld2013 as it is against a copy with one change of each kind.

Both documents are built once per session; the DOCX is checked by accepting and rejecting every
tracked change in its XML and comparing the text with the two versions' own DOCX.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.cli import main
from reportgen.core.project import Project
from reportgen.redline.document import RedlineOptions, build_redline

from .conftest import REPO, pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KIND = "rapporteur-report"

# (file, old text, new text): one change of each kind the issue names.
EDITS = [
    ("body-1.yaml", "The present document summarizes", "The present document outlines"),  # a word changed
    ("body-1.yaml", " This group carried out numerous activities, including the provision of technical advice to countries, "
     "subregional bodies, intergovernmental consultations, universities and civil society, and training, research, processing "
     "and updating of migration data.", ""),  # a sentence deleted
    ("body-1.yaml", "                international and regional labour mobility and its consequences for development.\n",
     "                international and regional labour mobility and its consequences for development; and\n"
     "              - |\n                the role of diasporas in the development of their countries of origin.\n"),  # an item added
    ("body-2.yaml", '          - text: "the centrality of human rights in the approach to international migration;"\n'
     '            gist: "Human rights are central to the approach to international migration."\n'
     "            themes: [human-rights]\n", ""),  # an item moved: taken out here …
    ("body-2.yaml", '          - text: "the need for public policies to be consistent."',
     '          - text: "the centrality of human rights in the approach to international migration;"\n'
     '            gist: "Human rights are central to the approach to international migration."\n'
     "            themes: [human-rights]\n"
     '          - text: "the need for public policies to be consistent."'),  # … and put back before the last
    ("meeting.yaml", "label: Registration of participants}", "label: Registration of participants and delegations}"),  # a table cell
    ("body-1.yaml", 'eclac-mandate: "LC/G.2432(SES.33/3), 2010."', 'eclac-mandate: "LC/G.2432(SES.33/3), Santiago, 2010."'),  # a footnote
    ("meeting.yaml", "{count: 80, unit: participants, qualifier: about}", "{count: 85, unit: participants, qualifier: about}"),  # a fact
    ("body-1.yaml", "The participants numbered about 80 and", "The participants numbered about 85 and"),  # … as printed in the text
    ("people.yaml", 'post: "Chief of the Population and Development Area"\n    organisation: celade\n'
     '    affiliation: "Chief of the Population and Development Area of CELADE-Population Division of ECLAC"',
     'post: "Director of the Population and Development Area"\n    organisation: celade\n'
     '    affiliation: "Director of the Population and Development Area of CELADE-Population Division of ECLAC"'),  # a post
    ("body-2.yaml", "  - id: h\n    label: H.", "  - id: follow-up\n    label: H.\n    heading: Follow-up to the meeting\n"
     "    blocks:\n      - |\n          The secretariat would circulate the messages of the meeting to the member States.\n"
     "  - id: h\n    label: I."),  # a section added
]


def edited_copy(target: Path) -> Project:
    shutil.copytree(REPO / "content", target / "content")
    for name, old, new in EDITS:
        path = target / "content" / "hld2013" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return Project(target)


@pytest.fixture(scope="session")
def versions(project: Project, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """hld2013 built as it is ('old') and edited ('new'), and the redline between them."""
    out = tmp_path_factory.mktemp("redline")
    later = edited_copy(out / "later")
    paths: dict[str, Path] = {}
    for name, proj in (("old", project), ("new", later)):
        for path in build_meeting(proj, "hld2013", BuildOptions(kinds=(KIND,), out_dir=out / name)):
            paths[f"{name}.{path.suffix[1:]}"] = path
    for path in build_redline(later, "hld2013", RedlineOptions(str(REPO), kinds=(KIND,), out_dir=out / "redline", author="A. Rapporteur")):
        paths[f"redline.{path.suffix[1:]}"] = path
    return paths


# --------------------------------------------------------------------------- DOCX read-back


def _parts(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        names = ["word/document.xml"] + (["word/footnotes.xml"] if "word/footnotes.xml" in z.namelist() else [])
        return [etree.fromstring(z.read(n)) for n in names]


def resolve(root: etree._Element, accept: bool) -> etree._Element:
    """Accept (or reject) every tracked change, as Word does, in a copy of a part's XML."""
    root = etree.fromstring(etree.tostring(root))
    drop, keep = ({"del", "moveFrom"}, {"ins", "moveTo"}) if accept else ({"ins", "moveTo"}, {"del", "moveFrom"})
    # Rows and paragraph marks first: a removed row goes; a removed paragraph mark joins the next paragraph.
    for tr in list(root.iter(W + "tr")):
        pr = tr.find(W + "trPr")
        if pr is not None and any(pr.find(W + t) is not None for t in drop):
            tr.getparent().remove(tr)
    for p in list(root.iter(W + "p")):
        rpr = p.find(f"{W}pPr/{W}rPr")
        if rpr is not None and any(rpr.find(W + t) is not None for t in drop) and p.getnext() is not None and p.getnext().tag == W + "p":
            following = p.getnext()
            movable = [c for c in p if c.tag != W + "pPr"]
            anchor = following.find(W + "pPr")
            for child in reversed(movable):
                if anchor is not None:
                    anchor.addnext(child)
                else:
                    following.insert(0, child)
            p.getparent().remove(p)
    for tag in drop:
        for el in list(root.iter(W + tag)):
            if el.getparent().tag not in {W + "rPr", W + "trPr"}:
                el.getparent().remove(el)
    for tag in keep:
        for el in list(root.iter(W + tag)):
            parent = el.getparent()
            if parent.tag in {W + "rPr", W + "trPr"}:
                parent.remove(el)
                continue
            index = parent.index(el)
            for child in reversed(list(el)):
                parent.insert(index, child)
            parent.remove(el)
    for el in root.iter(W + "delText"):
        el.tag = W + "t"
    return root


def resolved(path: Path, accept: bool) -> list[etree._Element]:
    """Every part of a redline DOCX with all changes accepted (or rejected); a footnote whose
    reference went goes with it, as in Word."""
    roots = [resolve(r, accept) for r in _parts(path)]
    cited = {ref.get(W + "id") for ref in roots[0].iter(W + "footnoteReference")}
    for notes in roots[1:]:
        for note in list(notes.iter(W + "footnote")):
            if note.get(W + "type") is None and note.get(W + "id") not in cited:
                notes.remove(note)
    return roots


def paragraphs(roots: list[etree._Element]) -> list[str]:
    out = []
    for root in roots:
        for p in root.iter(W + "p"):
            out.append("".join(t.text or "" for t in p.iter(W + "t")))  # exactly, spaces included
    return out


def plain(path: Path) -> list[str]:
    return paragraphs(_parts(path))


# --------------------------------------------------------------------------- tests


def test_redline_docx_has_tracked_changes_with_author_and_date(versions: dict[str, Path]) -> None:
    body, notes = _parts(versions["redline.docx"])
    ins, dels = body.findall(f".//{W}ins"), body.findall(f".//{W}del")
    assert ins and dels
    assert body.findall(f".//{W}moveFrom") and body.findall(f".//{W}moveTo")
    assert body.findall(f".//{W}moveFromRangeStart") and body.findall(f".//{W}moveToRangeStart")
    for mark in ins + dels:
        assert mark.get(W + "author") == "A. Rapporteur"
        assert mark.get(W + "date") == "2013-09-26T00:00:00Z"
    deleted = "".join(t.text for t in body.iter(W + "delText"))
    assert "summarizes" in deleted and "This group carried out numerous activities" in deleted
    assert notes.findall(f".//{W}ins"), "the edited footnote is tracked inside the footnote"
    assert body.findall(f".//{W}tbl//{W}ins"), "the changed agenda cell is tracked in the table"
    assert body.findall(f".//{W}pPr/{W}rPr/{W}ins"), "an inserted paragraph has its paragraph mark inserted"


def test_accept_all_gives_the_later_version(versions: dict[str, Path]) -> None:
    accepted = paragraphs(resolved(versions["redline.docx"], accept=True))
    assert accepted == plain(versions["new.docx"])


def test_reject_all_gives_the_earlier_version(versions: dict[str, Path]) -> None:
    rejected = paragraphs(resolved(versions["redline.docx"], accept=False))
    assert rejected == plain(versions["old.docx"])


def test_list_numbers_are_not_text_changes(versions: dict[str, Path]) -> None:
    body, _ = _parts(versions["redline.docx"])
    changed = "".join(t.text or "" for t in body.iter(W + "delText"))
    assert "(v)" not in changed and "(iv)" not in changed


def test_pdf_holds_old_and_new_words_and_lists_every_change(versions: dict[str, Path]) -> None:
    text = pdf_text(versions["redline.pdf"])
    for word in ("summarizes", "outlines", "This group carried out numerous activities", "role of diasporas",
                 "and delegations", "Santiago, 2010", "about 8085 and came",  # deleted 80, inserted 85
                 "Follow-up to the meeting", "Director of the Population"):
        assert word in " ".join(text.split()), word
    pages = pdf_pages(versions["redline.pdf"])
    listed = [i for i, page in enumerate(pages) if f"Changes since {REPO}" in page]
    assert listed and listed[0] > 0, "the list of changes follows the text"
    first = " ".join(pages[listed[0]:])
    for reference in ("“Presentation”, paragraph 1", "“Introduction”, paragraph 5", "“Introduction”, paragraph 7",
                      "item (v)", "footnote 1", "heading “H. Follow-up to the meeting”", "moved from", "moved here",
                      "table row 3, column 2", "contents"):  # the agenda's header row is row 1
        assert reference in first, reference
    # each line: reference, kind, insertions, deletions, moves, and the page it links to
    assert re.search(r"footnote 1 \(in “B\. The current state of [^)]*paragraph 4\) edited 1 0 0 \d+ ", first)


def pdf_pages(path: Path) -> list[str]:
    """The text of every page of a PDF (pdftotext -raw), each page's words joined by single spaces."""
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def test_redline_keeps_the_clean_pages_and_cites_them(versions: dict[str, Path]) -> None:
    """The text of the redline starts on page 1 as the clean document does (the list of changes comes
    after it), and the list cites the page of the clean document on which each change stands."""
    clean, redline = pdf_pages(versions["new.pdf"]), pdf_pages(versions["redline.pdf"])
    assert redline[0].split()[:12] == clean[0].split()[:12]  # the same first page: the masthead
    listed = next(i for i, page in enumerate(redline) if "Changes since" in page)
    changes = " ".join(redline[listed:])
    expected = {  # a reference on the list -> words of the change as the clean document prints them (once, or last)
        "heading “H. Follow-up to the meeting”": "H. Follow-up to the meeting",
        "table row 3, column 2": "Registration of participants and delegations",
        "“Introduction”, paragraph 7": "the role of diasporas in the development",
    }
    for reference, words in expected.items():
        page = max(n for n, text in enumerate(clean, start=1) if words.casefold() in text.casefold())  # in the text, not the contents
        cited = re.search(re.escape(reference) + r"[^\d]*(?:\d+ ){3}(\d+)", changes)
        assert cited, reference
        assert int(cited.group(1)) == page, f"{reference}: cited as page {cited.group(1)}, on page {page} of the clean PDF"
    # the text's pages are numbered as the clean document's, from 1: the number closes each page
    numbered = [i for i in range(1, listed) if clean[i].split()[-1] == str(i + 1)]
    assert len(numbered) > listed // 2
    assert all(redline[i].split()[-1] == str(i + 1) for i in numbered)


def test_changed_post_shows_where_it_is_printed(versions: dict[str, Path]) -> None:
    text = " ".join(pdf_text(versions["redline.pdf"]).split())
    # the post is printed in the agenda, as the speaker's affiliation
    assert text.count("Director of the Population and Development Area") >= 1
    assert "Chief of the Population and Development Area of CELADE" in text  # the deleted wording is shown too


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_the_redline(versions: dict[str, Path], tmp_path: Path) -> None:
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(versions["redline.docx"])], capture_output=True, text=True, timeout=240,
    )
    converted = tmp_path / versions["redline.docx"].with_suffix(".pdf").name
    assert result.returncode == 0 and converted.is_file(), result.stderr
    assert "outlines" in pdf_text(converted)


def test_identical_versions_have_no_changes(project: Project, tmp_path: Path) -> None:
    paths = build_redline(project, "hld2013", RedlineOptions(str(REPO), kinds=(KIND,), formats=("pdf", "docx"), out_dir=tmp_path))
    docx_path = next(p for p in paths if p.suffix == ".docx")
    body, _ = _parts(docx_path)
    assert not body.findall(f".//{W}ins") and not body.findall(f".//{W}del")
    last = pdf_pages(next(p for p in paths if p.suffix == ".pdf"))[-1]
    assert "No changes since" in last and "the two versions are the same" in last


def test_git_revision_as_earlier_version(tmp_path: Path, runner) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "content", repo / "content")
    git = ["git", "-C", str(repo), "-c", "user.name=Secretariat", "-c", "user.email=s@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "content"], check=True)
    subprocess.run([*git, "commit", "-qm", "first draft"], check=True)
    subprocess.run([*git, "tag", "draft-1"], check=True)
    meeting = repo / "content" / "hld2013" / "body-1.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("The present document summarizes", "The present document outlines"), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(repo), "redline", "hld2013", "--from", "draft-1", "--kind", KIND, "--docx",
                                  "--author", "Secretariat"])
    assert result.exit_code == 0, result.output
    target = repo / "output" / "hld2013" / f"hld2013-{KIND}-redline.docx"
    body, _ = _parts(target)
    assert "summarizes" in "".join(t.text for t in body.iter(W + "delText"))
    assert "outlines" in "".join(t.text for i in body.iter(W + "ins") for t in i.iter(W + "t"))
    assert subprocess.run([*git, "status", "--porcelain", "content"], capture_output=True, text=True).stdout == " M content/hld2013/body-1.yaml\n"
    # both versions from git: the working tree is not read
    subprocess.run([*git, "commit", "-qam", "second draft"], check=True)
    subprocess.run([*git, "tag", "draft-2"], check=True)
    meeting.write_text("not: [valid", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(repo), "redline", "hld2013", "--from", "draft-1", "--to", "draft-2", "--kind", KIND,
                                  "--docx", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    body, _ = _parts(tmp_path / "out" / "hld2013" / f"hld2013-{KIND}-redline.docx")
    assert "summarizes" in "".join(t.text for t in body.iter(W + "delText"))


def test_invalid_earlier_version_names_version_and_file(tmp_path: Path, runner) -> None:
    earlier = tmp_path / "draft"
    shutil.copytree(REPO / "content", earlier / "content")
    meeting = earlier / "content" / "hld2013" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("date: 2013-09-26", "date: 2013-13-26"), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(REPO), "redline", "hld2013", "--from", str(earlier), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{earlier}:content/hld2013/meeting.yaml:" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_ref_is_a_usage_error(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "redline", "hld2013", "--from", "no-such-draft-xyz", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "'no-such-draft-xyz' is neither a project folder" in result.output


def test_revision_prints_rev_symbol(versions: dict[str, Path], project: Project, tmp_path: Path) -> None:
    paths = build_redline(project, "hld2013", RedlineOptions(str(REPO), kinds=(KIND,), formats=("pdf",), out_dir=tmp_path, revision=2))
    text = " ".join(pdf_text(paths[0]).split())
    assert "LC/L.3702/Rev.2" in text
    assert "LC/L.3702/Rev.2 replaces LC/L.3702/Rev.1." in text


def test_changed_fact_shows_in_the_facts_table(project: Project, tmp_path: Path) -> None:
    """The participation figure is printed in the chair's summary's facts table: the change shows there."""
    from reportgen.redline.changelist import changes
    from reportgen.redline.htmldiff import diff_html
    from reportgen.style.labels import Labels
    from reportgen.content.model import load_meetings
    from reportgen.style.search_path import template_search_path
    from reportgen.render.environment import Renderer, context_for
    from reportgen.redline.worddiff import Stamp

    def html(proj: Project) -> str:
        meeting = load_meetings(proj, ["hld2013"])["hld2013"]
        search = template_search_path(proj)
        return Renderer(search).render("chair-summary", context_for(meeting, Labels.load("en", search), "chair-summary"))

    merge = diff_html(html(project), html(edited_copy(tmp_path)), Stamp("A", "2013-09-26T00:00:00Z"))
    facts = merge.root.find(".//table[@class='facts']")
    assert [m.text for m in facts.iter("del")] == ["80"] and [m.text for m in facts.iter("ins")] == ["85"]
    assert any("table row" in c.reference and c.insertions == 1 and c.deletions == 1 for c in changes(merge))


# --------------------------------------------------------------------------- bounded fuzz

FUZZ_WORDS = ["alpha", "beta", "gamma", "Santiago,", "migration.", "rights"]


def mutate(html: str, rnd) -> str:
    """A later draft made by chance: words changed, sentences added, blocks deleted, copied or moved."""
    import copy

    import lxml.html

    from reportgen.render.contract import parse

    root = parse(html)
    leaves = [e for e in root.find("body").iter() if e.tag in ("p", "li", "td") and (e.text or "").strip()
              and not (e.get("class") or "").startswith("toc")]
    for _ in range(rnd.randint(1, 6)):
        op, el = rnd.choice(["word", "sentence", "delete", "copy", "move"]), rnd.choice(leaves)
        parent = el.getparent()
        if parent is None:
            continue
        siblings = [c for c in parent if c.tag == el.tag]
        if op == "word":
            words = el.text.split(" ")
            words[rnd.randrange(len(words))] = rnd.choice(FUZZ_WORDS)
            el.text = " ".join(words)
        elif op == "sentence":
            el.text += " " + " ".join(rnd.choice(FUZZ_WORDS) for _ in range(5)) + "."
        elif el.tag == "td":
            continue  # rows keep their columns
        elif op == "delete" and len(siblings) > 1:
            parent.remove(el)
        elif op == "copy":
            twin = copy.deepcopy(el)
            twin.text = "New " + (twin.text or "")
            el.addnext(twin)
        elif op == "move" and len(siblings) > 2:
            parent.remove(el)
            rest = [c for c in parent if c.tag == el.tag]
            rest[rnd.randrange(len(rest))].addnext(el)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def test_fuzz_accept_and_reject_give_each_version(project: Project, tmp_path: Path) -> None:
    """Random drafts of every meeting: accepting all the redline's changes in Word gives the later
    draft's text, rejecting them all the earlier one's."""
    import random

    from reportgen.writers.output import creation_time
    from reportgen.redline.htmldiff import diff_html
    from reportgen.style.labels import Labels
    from reportgen.content.model import load_meetings
    from reportgen.style.search_path import template_search_path
    from reportgen.render.environment import Renderer, context_for
    from reportgen.redline.worddiff import Stamp
    from reportgen.writers import WriteContext
    from reportgen.writers.docx import write_docx

    search = template_search_path(project)
    renderer = Renderer(search)
    meetings = load_meetings(project)
    for seed in range(4):
        rnd = random.Random(seed)
        meeting = meetings[rnd.choice(sorted(meetings))]
        kind = rnd.choice(renderer.kinds())
        old = renderer.render(kind, context_for(meeting, Labels.load(meeting.document.language, search), kind))
        new = mutate(old, rnd)
        if seed % 2:
            old, new = new, old
        ctx = WriteContext(search, "t", "en", creation_time(meeting))
        files = {}
        for name, html in (("old", old), ("new", new), ("redline", diff_html(old, new, Stamp("A", "2020-01-01T00:00:00Z")).html())):
            files[name] = tmp_path / f"{seed}-{name}.docx"
            write_docx(html, files[name], ctx)
        assert paragraphs(resolved(files["redline"], accept=True)) == plain(files["new"]), (seed, meeting.id, kind)
        assert paragraphs(resolved(files["redline"], accept=False)) == plain(files["old"]), (seed, meeting.id, kind)


def test_references_on_the_list_of_changes() -> None:
    """Each kind of block is named as a reader cites it, in English or from the catalogue's words."""
    from reportgen.redline.changelist import changes
    from reportgen.redline.htmldiff import diff_html
    from reportgen.style.labels import Labels
    from reportgen.style.search_path import template_search_path
    from reportgen.redline.worddiff import Stamp

    def page(paras: str, items: str, cell: str, note: str) -> str:
        return (f'<html><body><section class="part"><h1 id="a"><span class="label">A.</span> Findings</h1>{paras}'
                f'<ol data-style="(a)" start="1">{items}</ol>'
                f'<table class="grid"><tbody><tr><td>x</td><td>{cell}</td></tr></tbody></table>'
                f'<p class="para">Text<span class="fn">{note}</span></p></section></body></html>')

    old = page('<p class="para">one two three</p><p class="para">gone for good now</p>', "<li>first</li><li>second</li>", "80", "A note.")
    new = page('<p class="para">one four three</p>', "<li>first</li><li>second</li><li>third</li>", "85", "A longer note.")
    merge = diff_html(old, new, Stamp("A", "2020-01-01T00:00:00Z"))
    refs = [c.reference for c in changes(merge)]
    assert refs == ["“A. Findings”, paragraph 1", "“A. Findings”, deleted paragraph after paragraph 1", "“A. Findings”, item (c)",
                    "“A. Findings”, table row 1, column 2", "footnote 1 (in “A. Findings”, paragraph 2)"]
    spanish = Labels.load("es", template_search_path(None)).redline_refs
    assert [c.reference for c in changes(merge, spanish)][:3] == [
        "«A. Findings», párrafo 1", "«A. Findings», párrafo suprimido después del párrafo 1", "«A. Findings», apartado (c)"]
    assert not changes(diff_html(old, old, Stamp("A", "2020-01-01T00:00:00Z")))


def test_edited_block_found_after_many_inserted_ones() -> None:
    """A paragraph edited after a long inserted stretch (a section added before it) is an edit."""
    from reportgen.redline.htmldiff import diff_html
    from reportgen.redline.worddiff import Stamp

    kept = "The meeting adopted the messages of the region by consensus at its closing session"
    old = f'<html><body><section class="part"><p class="para">{kept}.</p></section></body></html>'
    added = "".join(f'<p class="para">New paragraph number {k} of the added section.</p>' for k in range(40))
    new = f'<html><body><section class="part"><h1 id="new">Added</h1>{added}<p class="para">{kept} and its annex.</p></section></body></html>'
    merge = diff_html(old, new, Stamp("A", "2020-01-01T00:00:00Z"))
    last = merge.root.findall(".//p")[-1]
    assert last.get("data-change") == "edit"
    assert not list(last.iter("del")) and "".join(m.text for m in last.iter("ins")) == " and its annex"


def test_revision_must_be_positive(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "redline", "hld2013", "--from", str(REPO), "--revision", "0", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--revision must be 1 or more" in result.output
    assert not any(tmp_path.iterdir())


def test_footnote_added_and_removed(tmp_path: Path) -> None:
    """A footnote inserted (or deleted) with its reference is tracked in the body and in the note."""
    import datetime as dt

    from reportgen.redline.htmldiff import diff_html
    from reportgen.style.search_path import template_search_path
    from reportgen.redline.worddiff import Stamp
    from reportgen.writers import WriteContext
    from reportgen.writers.docx import write_docx

    old = '<html><body><p class="para">The meeting adopted the text.<span class="fn">First note.</span></p><p class="para">Closing words.</p></body></html>'
    new = '<html><body><p class="para">The meeting adopted the text.</p><p class="para">Closing words.<span class="fn">A new note.</span></p></body></html>'
    ctx = WriteContext(template_search_path(None), "t", "en", dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    files = {}
    for name, html in (("old", old), ("new", new), ("redline", diff_html(old, new, Stamp("A", "2020-01-01T00:00:00Z")).html())):
        files[name] = tmp_path / f"{name}.docx"
        write_docx(html, files[name], ctx)
    body, notes = _parts(files["redline"])
    assert body.find(f".//{W}del//{W}footnoteReference") is not None and body.find(f".//{W}ins//{W}footnoteReference") is not None
    assert "First note." in "".join(t.text for t in notes.iter(W + "delText"))
    assert paragraphs(resolved(files["redline"], accept=True)) == plain(files["new"])
    assert paragraphs(resolved(files["redline"], accept=False)) == plain(files["old"])


def test_a_summary_citing_the_report_s_paragraphs_shows_their_numbers(tmp_path: Path) -> None:
    """A chair's summary that refers to the report's paragraphs ([paras:proceedings] in a conclusion)
    is numbered in each version as `build` numbers it: the redline shows 'paragraphs 3–9', where it
    stopped with 'that section has no numbered paragraph to refer to'."""
    for side in ("earlier", "later"):
        shutil.copytree(REPO / "examples" / "content", tmp_path / side / "content")
    meeting = tmp_path / "later" / "content" / "escap-cmp2017" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("taking into account the discussion", "having regard to the discussion"),
                       encoding="utf-8")
    written = build_redline(Project(tmp_path / "later"), "escap-cmp2017",
                            RedlineOptions(from_ref=str(tmp_path / "earlier"), kinds=("chair-summary",), formats=("pdf",),
                                           out_dir=tmp_path / "out"))
    text = " ".join(pdf_text(written[0]).split())
    built = build_meeting(Project(tmp_path / "later"), "escap-cmp2017", BuildOptions(kinds=("chair-summary",), formats=("pdf",),
                                                                                    out_dir=tmp_path / "built"))
    cited = re.search(r"discussion summarized in paragraphs (\S+) below", " ".join(pdf_text(built[0]).split()))
    assert cited and cited.group(1)[0].isdigit()
    assert f"having regard to the discussion summarized in paragraphs {cited.group(1)} below" in text
