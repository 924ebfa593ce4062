"""The measures a house sets that both writers read: one source for the PDF and the Word file.

house.yaml may give (each key optional; a house extending another changes only what it names):

    spacing:                 # space above and below a first-page block, by its class
      title-block: {before: 1.2cm, after: 1cm}
    lines:                   # the lines of such a block (and of the masthead), by the block's class and
      title-block:           # the line's: space above and below, side indents, line height (each optional)
        title: {before: 13pt, after: 7.8pt, left: 1cm, right: 1cm, height: 16.9pt}
      masthead:
        issuer: {height: 26pt}
    rules:                   # the masthead's rules under a row (<div class="mh-row" data-rule="thin">)
      thin: {width: 2pt, color: 1f4e79, space: 6pt}   # space: between the row's text and its rule
    distribution_block: 5.2cm   # the width of the Distr./symbol/date block at the top right
    issuer_gap: 0.4cm           # the least space between the issuer's lines and that block
    list_indent: 1.2cm          # how far list items stand in from their numbers or dashes
    number_indent: 1cm          # the text of a numbered paragraph, after its number at the margin
    sub_paragraph_indent: 1cm   # lists (sub-paragraphs) of a part with numbered paragraphs start here
    label_gap: 0.3em            # extra space after a heading's label ("A.", "2.3"), in ems of the heading
    masthead_rule: {width: 1.5pt, color: '000000', space: 6pt}   # the rule under the whole masthead (width 0pt: none)
    table_padding:           # cell padding by table class; group: the space above a group row's text
      agenda: {vertical: 4pt, horizontal: 6pt, group: 12pt}
    space_after:             # the space under a table, a list item in a table cell, a biography's name
      bio-name: 2pt
    page_margins: {top: 2.5cm, bottom: 2.6cm, left: 2.4cm, right: 2.4cm}   # left: where lines start (right in RTL)
    contents_inset: 0.8cm       # the contents' page numbers, in from the end margin (entries end there too)
    contents_indent: 1cm        # a second-level contents entry, in from the start margin
    logo_height: 1.2cm          # the height of a logo or emblem in the masthead (document.logo)
    table_rule: {width: 0.5pt, color: '000000'}   # a ruled table's cell borders, the line under an agenda's header row
    group_shading: e6e6e6       # the fill of a ruled table's group rows

The PDF gets them as CSS applied after every print.css (Measures.css); the DOCX writer reads the
same values (paragraph spacing, cell borders and margins, table and list indents). A print.css
therefore no longer sets these: a value there would be overridden by house.yaml.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.errors import TemplateProblem
from . import brief_looks

log = logging.getLogger(__name__)

BLOCK_NAME = re.compile(r"[a-z][a-z0-9-]*")
LENGTH = re.compile(r"(\d+(?:\.\d+)?)(pt|cm|mm)")
EMS = re.compile(r"(\d+(?:\.\d+)?)em")
COLOUR = re.compile(r"#?[0-9a-fA-F]{6}")
POINTS_PER = {"pt": 1.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
# space_after: the name house.yaml gives -> the CSS rule the PDF gets (the DOCX writer reads the same names)
SPACE_AFTER = {
    "table": "table",  # the next paragraph's space before in Word
    "cell-item": "td li, th li",  # a list item in a table cell, in the table's type
    "bio-name": ".biography .bio-name",  # the name close above its biography
}
LENGTHS = ("distribution_block", "issuer_gap", "list_indent", "number_indent", "sub_paragraph_indent", "contents_inset", "contents_indent",
           "logo_height")
PAGE_SIDES = ("top", "bottom", "left", "right")
SIDES = ("before", "after", "left", "right", "height")  # a line's measures: its margins and its line height
CSS_SIDES = {"before": "margin-top", "after": "margin-bottom", "left": "margin-left", "right": "margin-right",
             "height": "line-height"}


def _paragraph(after: str = "8.25pt", left: str = "0cm", right: str = "0cm", before: str = "0pt") -> dict[str, str]:
    """A line's four sides; the defaults are print.css's for a paragraph (p: margin 0 0 0.75em 0 in 11 pt)."""
    return {"before": before, "after": after, "left": left, "right": right}


def _shared_lines() -> dict[str, dict[str, dict[str, str]]]:
    """The shared look's first-page lines. The cover (eclac): its lines low on a page of their own,
    each kind with its own space. The title block (a document without a cover): its title and theme
    set apart, every other line a plain paragraph's margins. The masthead: the issuer's 20 pt in
    lines of 1.3 (Word would give it single lines, 3 pt less each)."""
    plain = ("cover-line", "meeting-line", "agenda-item", "agenda-title", "headline", "subtitle", "kind")
    return {"cover": {"cover-line": _paragraph(after="4.4pt", left="2cm", right="2cm"),  # 0.4em
                      # 2 cm under the cover lines; as the first line, the cover's own 5 cm above (spacing)
                      "title": _paragraph(before="2cm", after="1cm", left="1cm", right="1cm"),
                      "subtitle": _paragraph(after="11pt", left="1cm", right="1cm"),  # 1em
                      "kind": _paragraph(before="1.5cm"),
                      "translation-note": _paragraph(after="7.5pt")},  # 0.75em of its 10 pt
            "title-block": {**{name: _paragraph() for name in plain},
                            "title": _paragraph(before="11pt", after="6.6pt", left="1cm", right="1cm"),  # 1em 1cm 0.6em
                            "theme": _paragraph(after="8.8pt", left="1cm", right="1cm"),  # 0 1cm 0.8em
                            "translation-note": _paragraph(after="7.5pt")},  # 0.75em of its 10 pt
            "masthead": {"issuer": {"height": "26pt"}}}


@dataclass(frozen=True)
class Rule:
    """A rule under a masthead row: its width and colour, and the space above it."""

    width: str
    color: str
    space: str = "0pt"


@dataclass(frozen=True)
class Padding:
    """A table class's cell padding (top and bottom, left and right) and, where it has group rows
    (an agenda's), the space above a group row's text instead of the top padding."""

    vertical: str
    horizontal: str
    group: str | None = None


@dataclass(frozen=True)
class Margins:
    """The page margins: `left` is the side lines start from, `right` the side they end at (in a
    right-to-left language the two change places on the page, in both formats)."""

    top: str
    bottom: str
    left: str
    right: str

    def physical(self, direction: str = "ltr") -> tuple[str, str, str, str]:
        """Top, right, bottom and left on the page (CSS order), as given."""
        start, end = (self.right, self.left) if direction == "rtl" else (self.left, self.right)
        return self.top, end, self.bottom, start


@dataclass(frozen=True)
class Measures:
    """The shared look's values unless a house changes them."""

    spacing: dict[str, tuple[str, str]] = field(default_factory=lambda: {
        "cover": ("5cm", "0pt"),  # the cover's lines start 5 cm down
        "title-block": ("13.2pt", "16.5pt"),  # 1.2em and 1.5em of 11 pt
    })
    lines: dict[str, dict[str, dict[str, str]]] = field(default_factory=_shared_lines)
    rules: dict[str, Rule] = field(default_factory=lambda: {"thin": Rule("0.75pt", "000000"), "thick": Rule("2.5pt", "000000")})
    distribution_block: str = "5.2cm"
    issuer_gap: str = "0.4cm"  # the issuer's lines end this far before the Distr. block
    list_indent: str = "1.2cm"
    number_indent: str = "1cm"
    sub_paragraph_indent: str = "0cm"  # at the margin, like the paragraph numbers
    label_gap: str = "0.3em"  # after a heading's label, besides the space
    masthead_rule: Rule = Rule("1.5pt", "000000", "6pt")  # under the ECLAC masthead (issuer | Distr. block)
    table_padding: dict[str, Padding] = field(default_factory=lambda: {
        "grid": Padding("3pt", "5pt"), "agenda": Padding("4pt", "6pt", "12pt"), "facts": Padding("2pt", "6pt")})
    # 1em of a table's 10 pt; a cell's list item 0.5em of 10 pt; 0.2em of the body's 11 pt
    space_after: dict[str, str] = field(default_factory=lambda: {"table": "10pt", "cell-item": "5pt", "bio-name": "2.2pt"})
    page_margins: Margins = Margins("2.5cm", "2.6cm", "2.4cm", "2.4cm")  # A4 as ECLAC documents (@page; Word's w:pgMar)
    contents_inset: str = "0.8cm"  # the contents' page numbers stand this far in from the end margin
    contents_indent: str = "1cm"  # a second-level contents entry
    logo_height: str = "1.5cm"  # a logo or emblem in the masthead (document.logo)
    table_rule: Rule = Rule("0.5pt", "000000")  # table.grid's cell borders, table.agenda's rule under its header row
    group_shading: str = "e6e6e6"  # table.grid's group rows

    def updated(self, where: str, data: dict[str, Any]) -> Measures:
        """These measures with a house.yaml's own on top, checked (`where` names the file)."""
        spacing, rules = dict(self.spacing), dict(self.rules)
        for block, sides in _named(data, where, "spacing", ("before", "after"), "title-block", "{before: 1.2cm, after: 1cm}"):
            before, after = spacing.get(block, ("0pt", "0pt"))
            spacing[block] = (_length(sides.get("before", before), f"{where}: spacing.{block}.before"),
                              _length(sides.get("after", after), f"{where}: spacing.{block}.after"))
        for name, values in _named(data, where, "rules", ("width", "color", "space"), "thin", "{width: 2pt, color: 1f4e79, space: 6pt}"):
            rules[name] = _rule(values, rules.get(name, Rule("0.75pt", "000000")), f"{where}: rules.{name}")
        lines = {block: {line: dict(sides) for line, sides in given.items()} for block, given in self.lines.items()}
        for block, line, sides in _lines(data, where):
            old = lines.setdefault(block, {}).setdefault(line, {})
            old.update({side: _length(value, f"{where}: lines.{block}.{line}.{side}") for side, value in sides.items()})
        padding = dict(self.table_padding)
        for name, values in _named(data, where, "table_padding", ("vertical", "horizontal", "group"), "grid",
                                   "{vertical: 3pt, horizontal: 5pt}"):
            old_padding = padding.get(name, Padding("0pt", "0pt"))
            group = values.get("group", old_padding.group)
            padding[name] = Padding(_length(values.get("vertical", old_padding.vertical), f"{where}: table_padding.{name}.vertical"),
                                    _length(values.get("horizontal", old_padding.horizontal), f"{where}: table_padding.{name}.horizontal"),
                                    None if group is None else _length(group, f"{where}: table_padding.{name}.group"))
        space_after = dict(self.space_after)
        given = data.get("space_after") or {}
        if not isinstance(given, dict) or set(given) - set(SPACE_AFTER):
            raise TemplateProblem(f"{where}: space_after: expected {', '.join(SPACE_AFTER)} with a length, like {{bio-name: 2pt}}")
        for name, value in given.items():
            space_after[name] = _length(value, f"{where}: space_after.{name}")
        out = replace(self, spacing=spacing, lines=lines, rules=rules, table_padding=padding, space_after=space_after)
        for key, allowed, example in (("masthead_rule", ("width", "color", "space"), "{width: 1.5pt, color: '000000', space: 6pt}"),
                                      ("table_rule", ("width", "color"), "{width: 0.5pt, color: '000000'}")):
            given = data.get(key)
            if given is None:
                continue
            if not isinstance(given, dict) or set(given) - set(allowed):
                raise TemplateProblem(f"{where}: {key}: expected {', '.join(allowed)}, like {example}")
            out = replace(out, **{key: _rule(given, getattr(self, key), f"{where}: {key}")})
        if data.get("group_shading") is not None:
            shading = str(data["group_shading"]).strip()
            if not COLOUR.fullmatch(shading):
                raise TemplateProblem(f"{where}: group_shading: expected six hex digits, like e6e6e6 (quoted when all digits)")
            out = replace(out, group_shading=shading.lstrip("#").lower())
        out = replace(out, page_margins=_margins(data, where, out.page_margins))
        for key in LENGTHS:
            if data.get(key) is not None:
                out = replace(out, **{key: _length(data[key], f"{where}: {key}")})
        if data.get("label_gap") is not None:
            gap = str(data["label_gap"]).strip()
            if not EMS.fullmatch(gap):
                raise TemplateProblem(f"{where}: label_gap: expected ems of the heading's size, like 0.3em (found {data['label_gap']!r})")
            out = replace(out, label_gap=gap)
        return out

    def label_gap_points(self, size: float) -> float:
        """The space after a heading's label in a heading of `size` points."""
        return float(self.label_gap.removesuffix("em")) * size

    def css(self, direction: str = "ltr") -> str:
        """The same values as CSS, applied after every print.css (and print-rtl.css): indents stand
        on the side lines start from, the right in a right-to-left language."""
        start, end = ("right", "left") if direction == "rtl" else ("left", "right")
        sides_css = {**CSS_SIDES, "left": f"margin-{start}", "right": f"margin-{end}"}
        # unnamed pages only: a brief's named pages keep their own (style/brief_looks.py)
        out = [f"@page {{ margin: {' '.join(self.page_margins.physical(direction))}; }}"]
        out += [f".{block} {{ margin-top: {before}; margin-bottom: {after}; }}" for block, (before, after) in sorted(self.spacing.items())]
        for block, given in sorted(self.lines.items()):
            out.extend(f".{block} .{line} {{ {' '.join(f'{sides_css[side]}: {sides[side]};' for side in SIDES if side in sides)} }}"
                       for line, sides in sorted(given.items()) if sides)
        for name, rule in sorted(self.rules.items()):
            row = f'.masthead .mh-row[data-rule="{name}"]'
            out.append(f"{row} {{ border-bottom: {rule.width} solid #{rule.color}; }}")
            if points(rule.space):
                out.append(f"{row} > .mh-cell {{ padding-bottom: {rule.space}; }}")
        rule = self.masthead_rule
        out.append(f".masthead {{ border-bottom: {rule.width} solid #{rule.color}; padding-bottom: {rule.space}; }}")
        for name, pad in sorted(self.table_padding.items()):
            out.append(f"table.{name} td, table.{name} th {{ padding: {pad.vertical} {pad.horizontal}; }}")
            if pad.group is not None:
                out.append(f"table.{name} tr.group th {{ padding-top: {pad.group}; }}")
        out += [f"{SPACE_AFTER[name]} {{ margin-bottom: {length}; }}" for name, length in sorted(self.space_after.items())]
        # the issuer beside the block, issuer_gap apart (docx_furniture: two columns, the issuer's end indent)
        out.append(f".masthead dl {{ width: {self.distribution_block}; }}")
        out.append(f".masthead .issuer {{ max-width: calc(100% - {self.distribution_block} - {self.issuer_gap}); }}")
        out.append(f"ol, ul {{ padding-{start}: {self.list_indent}; padding-{end}: 0; }}")
        out.append(f"ol[data-style] > li::before {{ {start}: -{self.list_indent}; {end}: auto; }}")
        out.append(f"p.para[data-number] {{ padding-{start}: {self.number_indent}; padding-{end}: 0; }}")
        out.append(f"p.para[data-number]::before {{ {start}: 0; {end}: auto; }}")
        out.append(f"h1 .label, h2 .label {{ margin-{end}: {self.label_gap}; margin-{start}: 0; }}")
        out.append(f"nav.toc p.toc-1, nav.toc p.toc-2 {{ padding-{end}: {self.contents_inset}; padding-{start}: 0; }}")
        out.append(f"nav.toc p.toc-2 {{ padding-{start}: {self.contents_indent}; }}")
        out.append(f".masthead img {{ height: {self.logo_height}; }}")
        table_rule = f"{self.table_rule.width} solid #{self.table_rule.color}"
        out.append(f"table.grid th, table.grid td {{ border: {table_rule}; }}")
        out.append(f"table.agenda thead th {{ border-bottom: {table_rule}; }}")
        out.append(f"table.grid tr.group th {{ background: #{self.group_shading}; }}")
        if points(self.sub_paragraph_indent):  # a part's own lists, and those of its interventions, not lists in lists
            numbered = 'section[data-numbering="paragraphs"]'
            out.append(", ".join(f"{numbered} >{inside} {tag}" for inside in ("", " div >") for tag in ("ol", "ul"))
                       + f" {{ margin-{start}: {self.sub_paragraph_indent}; }}")
        out.append(brief_looks.css())  # a briefing note's looks (its selectors name div.brief and what follows it)
        return "\n".join(out)


def brief_measures() -> Measures:
    """A briefing note's measures: the shared ones, on pages with the brief's own margins
    (style/brief_looks.py PAGE, which its PDF pages have as `@page brief`)."""
    top, right, bottom, left = (f"{m:g}cm" for m in brief_looks.PAGE)
    return Measures(page_margins=Margins(top, bottom, left, right))


def points(length: str) -> float:
    """A checked length (12pt, 1.2cm, 5mm) in points."""
    match = LENGTH.fullmatch(length)
    if match is None:
        raise ValueError(f"not a length: {length!r}")
    return float(match.group(1)) * POINTS_PER[match.group(2)]


def _margins(data: dict[str, Any], where: str, old: Margins) -> Margins:
    """house.yaml `page_margins` (lengths), or the older `page_margins_cm` (numbers of centimetres,
    still read, with a warning), over `old`, checked."""
    key = "page_margins_cm" if data.get("page_margins_cm") is not None else "page_margins"
    given = data.get(key)
    if key == "page_margins_cm" and data.get("page_margins") is not None:
        raise TemplateProblem(f"{where}: page_margins_cm: give the margins once, as page_margins (lengths, like 2.3cm)")
    if given is None:
        return old
    if not isinstance(given, dict) or set(given) - set(PAGE_SIDES):
        raise TemplateProblem(f"{where}: {key}: expected top, bottom, left, right, like {{top: 2.5cm, bottom: 2.6cm, left: 2.4cm, right: 2.4cm}}")
    sides = dict(old.__dict__)
    for side, value in given.items():
        if key == "page_margins_cm":  # read as it always was: float() of the value, in centimetres
            try:
                number = -1.0 if isinstance(value, bool) else float(value)
            except (TypeError, ValueError):
                number = -1.0
            if not number >= 0:
                raise TemplateProblem(f"{where}: page_margins_cm.{side}: expected a number of centimetres, like 2.3 (found {value!r})")
            value = f"{number:g}cm"
        sides[side] = _length(value, f"{where}: {key}.{side}")
    if key == "page_margins_cm" and where not in _WARNED:
        _WARNED.add(where)
        log.warning("%s: page_margins_cm is the older spelling of page_margins, which both the PDF and Word read; write "
                    "page_margins: {%s}", where, ", ".join(f"{side}: {sides[side]}" for side in PAGE_SIDES if side in given))
    return Margins(**sides)


_WARNED: set[str] = set()  # the files whose page_margins_cm was warned about in this process


def _named(data: dict[str, Any], where: str, key: str, keys: tuple[str, ...], name: str, example: str) -> list[tuple[str, dict[str, Any]]]:
    """house.yaml `key`: names (a block's class, a rule's name) with their settings (`keys`; any
    names when none are given: the lines of a block), checked."""
    given = data.get(key) or {}
    if not isinstance(given, dict):
        raise TemplateProblem(f"{where}: {key}: expected names with their settings, like '{name}: {example}'")
    for found, values in given.items():
        if not isinstance(found, str) or not BLOCK_NAME.fullmatch(found):
            raise TemplateProblem(f"{where}: {key}: {found!r} is not a name like {name}")
        if not isinstance(values, dict) or (keys and set(values) - set(keys)):
            raise TemplateProblem(f"{where}: {key}.{found}: expected {', '.join(keys) or 'lines by their class'}, like {example}")
    return list(given.items())


def _lines(data: dict[str, Any], where: str) -> list[tuple[str, str, dict[str, Any]]]:
    """house.yaml `lines`: block class -> line class -> sides, checked."""
    example = "{before: 11pt, after: 6.6pt, left: 1cm, right: 1cm, height: 14.3pt}"
    out = []
    for block, given in _named(data, where, "lines", (), "title-block", "{title: " + example + "}"):
        for line, sides in given.items():
            if not isinstance(line, str) or not BLOCK_NAME.fullmatch(line):
                raise TemplateProblem(f"{where}: lines.{block}: {line!r} is not a line's class like title")
            if not isinstance(sides, dict) or set(sides) - set(SIDES):
                raise TemplateProblem(f"{where}: lines.{block}.{line}: expected {', '.join(SIDES)}, like {example}")
            out.append((block, line, sides))
    return out


def _rule(values: dict[str, Any], old: Rule, where: str) -> Rule:
    """A rule's width, colour and space from house.yaml, over `old`, checked."""
    color = str(values.get("color", old.color)).strip()
    if not COLOUR.fullmatch(color):
        raise TemplateProblem(f"{where}.color: expected six hex digits, like 1f4e79")
    return Rule(_length(values.get("width", old.width), f"{where}.width"), color.lstrip("#").lower(),
                _length(values.get("space", old.space), f"{where}.space"))


def _length(value: Any, where: str) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if not LENGTH.fullmatch(text):
        raise TemplateProblem(f"{where}: expected a length in pt, cm or mm, like 1.2cm (found {value!r})")
    return text
