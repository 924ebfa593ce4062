"""House styles: the furniture of the organisation issuing a document, found as folders.

A house is templates/houses/<name>/ (house.yaml, _masthead.html.j2, print.css, reference.docx,
labels/<lang>.yaml; every file optional). A project's own templates/houses/<name>/ is searched
before the packaged one, file by file, so a secretariat adds or changes a house without touching
the package. The writers never ask which house is in use: they follow the HTML and stylesheet.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import babel.core
import yaml

from ..core.errors import TemplateProblem, did_you_mean
from ..core.memo import FileMemo
from ..core.project import is_inside
from .measures import Measures

log = logging.getLogger(__name__)

DEFAULT_HOUSE = "eclac"
HOUSES_DIR = "houses"
HOUSE_FILE = "house.yaml"
RUNNING_HEADS = ("right", "outer", "none")
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}-(?:[A-Z]{2}|\d{3})")
IMAGE_TYPES = (".png", ".jpg", ".jpeg")  # what both WeasyPrint and Word place as a picture


@dataclass(frozen=True)
class Options:
    """What a house prints unless the document says otherwise (document.<option>)."""

    cover: bool = True
    """A separate cover page (title block on its own page)."""
    contents: bool = True
    """A table of contents when the body has more than one listed section or any annex."""
    kind_line: bool = True
    """The document's kind line ("Rapporteur's report") on the first page."""
    paragraph_numbers: bool = False
    """Body paragraphs numbered 1, 2, 3 … through the whole document."""
    language_line: bool = True
    """The language line ('ENGLISH') in the masthead."""
    authors_line: bool = True
    """The 'Prepared by …, under the supervision of …' line made from authors: at the start of the report."""
    statement_lines: bool = True
    """The 'Statement by …, on behalf of …, read out by …' line above an intervention that has them."""


OPTION_NAMES = tuple(f.name for f in fields(Options))


@dataclass(frozen=True)
class House:
    name: str
    title: str
    description: str
    defaults: Options
    running_head: str = "right"
    """Where the symbol runs in the page header: 'right', or 'outer' (left on even pages, right on odd)."""
    language_tags: dict[str, str] = field(default_factory=dict)
    """The variant the house writes each language in (house.yaml `language_tags`: en: en-GB)."""
    measures: Measures = field(default_factory=Measures)
    """Lengths and colours both writers read (house.yaml `spacing` and `rules`; style/measures.py)."""

    def language_tag(self, language: str) -> str:
        """The BCP 47 tag a document in `language` declares (Word's proofing language, the PDF's
        /Lang): the house's variant, else the language's most likely one (CLDR: en -> en-US)."""
        if language in self.language_tags:
            return self.language_tags[language]
        likely = babel.core.get_global("likely_subtags").get(language, "")
        territory = likely.split("_")[-1] if likely.count("_") == 2 else ""
        return f"{language}-{territory}" if territory else language

    def options_for(self, document: Any) -> Options:
        """The house defaults, overridden by what the document sets explicitly."""
        given = {name: getattr(document, name) for name in OPTION_NAMES if getattr(document, name, None) is not None}
        return Options(**{**self.defaults.__dict__, **given})


def house_dirs(base_dirs: list[Path], house: str) -> list[Path]:
    """The search path for `house`: in each templates folder, the house's folder (and those of the
    houses it extends) before the folder itself
    (project house → project templates → packaged house → packaged templates)."""
    chain = house_chain(base_dirs, house)
    path: list[Path] = []
    for folder in base_dirs:
        path += [folder / HOUSES_DIR / name for name in chain if (folder / HOUSES_DIR / name).is_dir()]
        path.append(folder)
    return path


def available_houses(base_dirs: list[Path]) -> list[str]:
    """Houses any templates folder defines (a folder holding house.yaml)."""
    return sorted({p.parent.name for d in base_dirs for p in (d / HOUSES_DIR).glob(f"*/{HOUSE_FILE}")})


def _house_file(base_dirs: list[Path], name: str) -> dict[str, Any]:
    """One house's house.yaml: the packaged file, then the project's on top, key by key. Remembered
    per process while the files' bytes stay the same (a meeting's validation and build ask for the
    house's files several times); callers get their own copy of the top level and of `defaults`."""
    folders = tuple(base_dirs)
    values = _house_files.get((folders, name), [folder / HOUSES_DIR / name / HOUSE_FILE for folder in folders],
                              lambda: _read_house_file(folders, name))
    return {**values, "defaults": dict(values["defaults"])}


_house_files: FileMemo[dict[str, Any]] = FileMemo()


def _read_house_file(base_dirs: tuple[Path, ...], name: str) -> dict[str, Any]:
    values: dict[str, Any] = {"defaults": {}}
    for folder in reversed(base_dirs):
        path = folder / HOUSES_DIR / name / HOUSE_FILE
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except UnicodeDecodeError as exc:
            raise TemplateProblem(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except yaml.YAMLError as exc:
            raise TemplateProblem(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
        except RecursionError:
            raise TemplateProblem(f"{path}: nested too deeply (a house.yaml holds a few keys and the defaults)") from None
        if not isinstance(data, dict):
            raise TemplateProblem(f"{path}: expected a mapping (name, description, extends, defaults)")
        given = data.get("defaults") or {}
        unknown = sorted(set(given) - set(OPTION_NAMES)) if isinstance(given, dict) else ["defaults"]
        if unknown:
            raise TemplateProblem(f"{path}: defaults: unknown option '{unknown[0]}' (known: {', '.join(OPTION_NAMES)})")
        bad = [k for k, v in given.items() if not isinstance(v, bool)]
        if bad:
            raise TemplateProblem(f"{path}: defaults.{bad[0]}: expected true or false")
        values["defaults"].update(given)
        for spelling, older in (("page_margins", "page_margins_cm"), ("page_margins_cm", "page_margins")):
            if spelling in data:  # two spellings of one key: a project's replaces the packaged file's either way
                values.pop(older, None)
        values.update({k: v for k, v in data.items() if k != "defaults"})
    return values


def house_chain(base_dirs: list[Path], name: str) -> list[str]:
    """The house and the houses it extends (`extends:` in house.yaml), most specific first."""
    chain = [name]
    while True:
        parent = _house_file(base_dirs, chain[-1]).get("extends")
        if not parent:
            return chain
        if parent in chain:
            raise TemplateProblem(f"house style '{chain[-1]}' extends '{parent}', which extends it back")
        if parent not in available_houses(base_dirs):
            raise TemplateProblem(f"house style '{chain[-1]}' extends '{parent}', which no templates folder defines")
        chain.append(str(parent))


def load_house(base_dirs: list[Path], name: str) -> House:
    """A house with its defaults: those of the houses it extends, then its own."""
    values: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    known = available_houses(base_dirs)
    if name not in known:  # deleted since the content was validated: never the default furniture instead
        raise TemplateProblem(f"unknown house style '{name}'{did_you_mean(name, known)} (available: {', '.join(known)})")
    for house in reversed(house_chain(base_dirs, name)):
        data = _house_file(base_dirs, house)
        defaults.update(data.pop("defaults"))
        values.update({k: v for k, v in data.items() if k != "extends"})
    tags: dict[str, str] = {}
    for house in reversed(house_chain(base_dirs, name)):
        given = _house_file(base_dirs, house).get("language_tags") or {}
        if not isinstance(given, dict) or not all(isinstance(k, str) and isinstance(v, str) and LANGUAGE_TAG.fullmatch(v)
                                                  and v.split("-")[0] == k for k, v in given.items()):
            raise TemplateProblem(f"{house}/{HOUSE_FILE}: language_tags: expected language: tag pairs like 'en: en-GB'")
        tags.update(given)
    measures = Measures()
    for house in reversed(house_chain(base_dirs, name)):
        measures = measures.updated(f"{house}/{HOUSE_FILE}", _house_file(base_dirs, house))
    running_head = str(values.get("running_head", "right"))
    if running_head not in RUNNING_HEADS:
        raise TemplateProblem(f"{name}/{HOUSE_FILE}: running_head: expected one of {', '.join(RUNNING_HEADS)}")
    return House(name, str(values.get("name", name)), str(values.get("description", "")).strip(), Options(**defaults), running_head, tags, measures)


def stylesheets(base_dirs: list[Path], house: str, language: str = "", direction: str = "ltr") -> list[Path]:
    """The print stylesheets of a house, in the order they apply: the shared base print.css (the
    project's, else the packaged one), then the print.css of each house it extends and its own
    (the project's, else the packaged one), each saying only what differs.

    A right-to-left language adds the print-rtl.css beside each (the page mirrored), and a
    language may have its own labels/<language>.css (its fonts, line breaking), applied last."""
    sheets: list[Path] = []
    names = ["print.css"] + [f"{HOUSES_DIR}/{h}/print.css" for h in reversed(house_chain(base_dirs, house))]
    if direction == "rtl":
        names = [n for name in names for n in (name, name.replace("print.css", "print-rtl.css"))]
    if language:
        names.append(f"labels/{language}.css")
    for name in names:
        folder = next((d for d in base_dirs if (d / name).is_file()), None)
        if folder is None:
            continue
        if not is_inside(folder / name, folder):
            raise TemplateProblem(f"{folder / name}: leads outside {(folder / name).parent} (through a symbolic link); "
                                  "styles are read only from the template folders")
        sheets.append(folder / name)
    return sheets


def house_settings(base_dirs: list[Path], name: str) -> dict[str, Any]:
    """One house's house.yaml as the search path merges it (the project's keys over the packaged
    ones); tools/make_house_references.py reads its word_styles."""
    return _house_file(base_dirs, name)
