"""`reportgen house NAME`: what a house style is made of and where each of its files is found."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import UsageProblem, did_you_mean
from .houses import HOUSE_FILE, HOUSES_DIR, available_houses, house_chain, house_dirs, load_house, stylesheets
from .measures import points

SIDE_WORDS = (("before", "above"), ("after", "below"), ("left", "left"), ("right", "right"), ("height", "lines"))

# The files a house may have, each found on the house's search path (project first).
HOUSE_FILES = ("_masthead.html.j2", "reference.docx")


def describe_house(base_dirs: list[Path], name: str, root: Path) -> list[str]:
    """Lines describing house `name`: title, chain, defaults, language variants and the file used
    for each part (paths relative to the project `root` where inside it)."""
    known = available_houses(base_dirs)
    if name not in known:
        raise UsageProblem(f"unknown house style '{name}'{did_you_mean(name, known)} (available: {', '.join(known)})")
    house = load_house(base_dirs, name)

    def shown(path: Path) -> str:
        path, top = path.resolve(), root.resolve()
        return path.relative_to(top).as_posix() if path.is_relative_to(top) else f"{path} (packaged)"

    lines = [f"{name}: {house.title}"]
    if house.description:
        lines.append(f"  {house.description}")
    chain = house_chain(base_dirs, name)
    if len(chain) > 1:
        lines.append(f"extends: {' -> '.join(chain[1:])}")
    lines.append("defaults: " + ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in house.defaults.__dict__.items()))
    lines.append(f"running head: {house.running_head}")
    if house.language_tags:
        lines.append("languages: " + ", ".join(f"{k} as {v}" for k, v in sorted(house.language_tags.items())))
    measures = house.measures  # the lengths and colours both writers read (style/measures.py)
    lines.append("spacing: " + ", ".join(f"{block} {before} above, {after} below" for block, (before, after) in sorted(measures.spacing.items())))
    for block, given in sorted(measures.lines.items()):  # each line's margins: only the sides it has
        lines.append(f"{block} lines: " + "; ".join(
            f"{line} " + ", ".join(f"{sides[side]} {word}" for side, word in SIDE_WORDS if side in sides and points(sides[side]))
            if any(points(v) for v in sides.values()) else f"{line} none" for line, sides in sorted(given.items())))
    lines.append("rules: " + ", ".join(f"{name} {r.width} #{r.color}" + (f", {r.space} above" if points(r.space) else "")
                                       for name, r in sorted(measures.rules.items())))
    rule = measures.masthead_rule
    lines.append("masthead rule: " + (f"{rule.width} #{rule.color}, {rule.space} below the masthead" if points(rule.width) else "none"))
    lines.append("table padding: " + ", ".join(f"{name} {pad.vertical} {pad.horizontal}" + (f", {pad.group} above group rows" if pad.group else "")
                                               for name, pad in sorted(measures.table_padding.items())))
    lines.append(f"ruled tables: {measures.table_rule.width} #{measures.table_rule.color} rules, group rows filled #{measures.group_shading}")
    lines.append(f"heading labels: {measures.label_gap} more after the label")
    pages = measures.page_margins
    lines.append(f"page margins: {pages.top} top, {pages.bottom} bottom, {pages.left} left, {pages.right} right"
                 " (left and right change places in a right-to-left language)")
    lines.append(f"contents: page numbers {measures.contents_inset} in from the margin, second level {measures.contents_indent} in")
    lines.append("space after: " + ", ".join(f"{name} {length}" for name, length in sorted(measures.space_after.items())))
    lines.append(f"indents: lists {measures.list_indent}, numbered paragraphs {measures.number_indent}, "
                 f"their sub-paragraphs {measures.sub_paragraph_indent}; distribution block {measures.distribution_block} wide; "
                 f"logo {measures.logo_height} high")
    lines.append("house.yaml: " + ", ".join(shown(d / HOUSES_DIR / h / HOUSE_FILE) for h in chain for d in base_dirs
                                             if (d / HOUSES_DIR / h / HOUSE_FILE).is_file()))
    lines.append("print.css: " + " + ".join(shown(p) for p in stylesheets(base_dirs, name)))
    search = house_dirs(base_dirs, name)
    for file in HOUSE_FILES:
        found = next((d / file for d in search if (d / file).is_file()), None)
        lines.append(f"{file}: {shown(found) if found else 'none'}")
    return lines
