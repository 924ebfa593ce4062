"""How well `reportgen compare --suggest` finds the points a policy analyst made by hand.

    python bench/suggest_points.py                 # the figures, held-out figures, then a sweep
    python bench/suggest_points.py --no-sweep

Prints the pairwise precision and recall of "same row" (and F1) of the suggested points against
two hand alignments: bench/alignment/five-meetings.yaml (the five meetings in content/, on which
the settings were chosen) and bench/alignment/examples.yaml (the six meetings of examples/content
with compared items, never used to choose them), and the examples compared together with the five
meetings (bench/alignment/examples-with-five.yaml: only the pairs with an item of the examples
are scored). Side by side: the shipped settings, the previous
method (issue 20's first pass: no second point for an item, no words left out), TF-IDF without
the theme prior, and the themes alone. Then held-out figures on the five meetings: leaving one
meeting out, the settings (threshold, link) are chosen on the pairs of the other four and scored
on the pairs of the one left out. tests/test_points.py checks the shipped settings do not fall
below the figures recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportgen.briefs.items import compared_items  # noqa: E402
from reportgen.briefs.suggest import LINK, THEME_WEIGHT, THRESHOLD, same_row_pairs, suggest  # noqa: E402
from reportgen.content.model import load_meetings  # noqa: E402
from reportgen.core.project import Project  # noqa: E402

ALIGNMENT = ROOT / "bench" / "alignment" / "five-meetings.yaml"
MEETINGS = ["fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3"]
EXAMPLES = ROOT / "bench" / "alignment" / "examples.yaml"
EXAMPLE_MEETINGS = ["escap-cmp2017", "escwa-egm2024", "idm2025-workshop", "mcpm2025-declaration", "oas-gtmig2014", "rcm-vmm2014"]
POOLED = ROOT / "bench" / "alignment" / "examples-with-five.yaml"
GRID = [(threshold, link) for threshold in (0.08, 0.09, 0.1, 0.11, 0.12) for link in (0.0, 0.15, 0.2, 0.25)]
"""The settings the held-out figures choose from."""


def hand_alignment(path: Path = ALIGNMENT) -> list[list[str]]:
    """The analyst's points as lists of item references."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [[entry["item"] for entry in point["items"]] for point in data["points"]]


def pooled_alignment(path: Path = POOLED, base: Path = ALIGNMENT) -> list[list[str]]:
    """The five meetings' points with the examples' items added (a point named as in `base`), and
    the examples' own points."""
    points = {p["point"]: [e["item"] for e in p["items"]] for p in yaml.safe_load(base.read_text(encoding="utf-8"))["points"]}
    for point in yaml.safe_load(path.read_text(encoding="utf-8"))["points"]:
        points.setdefault(point["point"], []).extend(e["item"] for e in point["items"])
    return list(points.values())


def alignment_version(path: Path = ALIGNMENT) -> int:
    return int(yaml.safe_load(path.read_text(encoding="utf-8")).get("version", 1))


def compared(project: Project, meetings: Sequence[str] = MEETINGS):  # -> list[ItemRef]
    loaded = load_meetings(project, list(meetings))
    return [r for m in meetings for r in compared_items(loaded[m])]


def _groups(refs, threshold: float = THRESHOLD, theme_weight: float = THEME_WEIGHT, link: float = LINK,
            ignore: Sequence[str] | None = None) -> list[list[str]]:
    return [[r.reference for r, _ in s.items] for s in suggest(refs, "en", threshold, theme_weight, link, ignore)]


def _counts(groups, reference, keep=lambda pair: True) -> tuple[int, int, int]:
    """Pairs found and right, pairs found, pairs wanted (those `keep` keeps)."""
    got = {p for p in same_row_pairs(groups) if keep(p)}
    want = {p for p in same_row_pairs(reference) if keep(p)}
    return len(got & want), len(got), len(want)


def _prf(hit: int, got: int, want: int) -> tuple[float, float, float]:
    p, r = (hit / got if got else 0.0), (hit / want if want else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(refs, reference, threshold: float = THRESHOLD, theme_weight: float = THEME_WEIGHT, link: float = LINK,
            ignore: Sequence[str] | None = None, keep=lambda pair: True) -> tuple[float, float, int]:
    """Precision, recall and number of suggested points of the given settings (on the pairs `keep` keeps)."""
    groups = _groups(refs, threshold, theme_weight, link, ignore)
    p, r, _ = _prf(*_counts(groups, reference, keep))
    return p, r, len(groups)


def held_out(refs, reference, ignore: Sequence[str] | None = None,
             grid: Sequence[tuple[float, float]] = GRID) -> tuple[float, float, float, list[str]]:
    """Leave one meeting out: settings chosen from `grid` (best F1) on the pairs not touching it,
    scored on the pairs touching it; the counts added over the meetings. Also the settings chosen."""
    meeting_of = {r.reference: r.meeting.id for r in refs}
    runs = {setting: _groups(refs, setting[0], THEME_WEIGHT, setting[1], ignore) for setting in grid}
    total = [0, 0, 0]
    chosen = []
    for meeting in dict.fromkeys(meeting_of.values()):
        def touches(pair, meeting=meeting):
            return any(meeting_of[x] == meeting for x in pair)
        best = max(grid, key=lambda s: _prf(*_counts(runs[s], reference, lambda p: not touches(p)))[2])
        total = [a + b for a, b in zip(total, _counts(runs[best], reference, touches))]
        chosen.append(f"{meeting}: threshold {best[0]}, link {best[1]}")
    return (*_prf(*total), chosen)


def _themes_alone(refs, reference, keep=lambda pair: True) -> tuple[float, float, int]:
    by_themes: dict[tuple[str, ...], list[str]] = {}
    for r in refs:
        by_themes.setdefault(tuple(sorted(r.themes)), []).append(r.reference)
    groups = [g for g in by_themes.values() if len({x.split(",")[0] for x in g}) > 1]
    p, r, _ = _prf(*_counts(groups, reference, keep))
    return p, r, len(groups)


def _line(name: str, p: float, r: float, n: int) -> str:
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{name:<52} {p:9.2f} {r:7.2f} {f1:5.2f} {n:7d}"


def _table(title: str, refs, reference, path: Path, keep=lambda pair: True) -> None:
    pairs = len([p for p in same_row_pairs(reference) if keep(p)])
    print(f"\n{title}: {len(refs)} compared items, {len(reference)} hand-made points ({pairs} same-row pairs scored), "
          f"{path.relative_to(ROOT)} version {alignment_version(path)}")
    print(f"{'settings':<52} {'precision':>9} {'recall':>7} {'F1':>5} {'points':>7}")
    print(_line(f"shipped (threshold {THRESHOLD}, link {LINK}, words left out)", *figures(refs, reference, keep=keep)))
    print(_line("previous (0.1; no second point, no words out)", *figures(refs, reference, 0.1, THEME_WEIGHT, 0.0, [], keep)))
    print(_line("shipped without a second point (link 0)", *figures(refs, reference, link=0.0, keep=keep)))
    print(_line("shipped without the words left out", *figures(refs, reference, ignore=[], keep=keep)))
    print(_line("TF-IDF without the theme prior", *figures(refs, reference, THRESHOLD, 0.0, keep=keep)))
    print(_line("themes alone (same theme set)", *_themes_alone(refs, reference, keep)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-sweep", action="store_true", help="Only the settings side by side and the held-out figures.")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} (the figures do not depend on it)")
    refs = compared(Project(ROOT))
    reference = hand_alignment()
    _table("Five meetings", refs, reference, ALIGNMENT)
    print("held out (leave one meeting out: settings chosen on the pairs of the other four, scored on the one's):")
    p, r, f1, chosen = held_out(refs, reference)
    print(f"{'  shipped method, threshold and link chosen':<52} {p:9.2f} {r:7.2f} {f1:5.2f}   ({'; '.join(chosen)})")
    p, r, f1, _ = held_out(refs, reference, grid=[(THRESHOLD, LINK)])
    print(f"{'  shipped settings as they are':<52} {p:9.2f} {r:7.2f} {f1:5.2f}")
    p, r, f1, chosen = held_out(refs, reference, [], [(t, 0.0) for t in sorted({t for t, _ in GRID})])
    print(f"{'  previous method, threshold chosen':<52} {p:9.2f} {r:7.2f} {f1:5.2f}   ({'; '.join(chosen)})")
    p, r, f1, _ = held_out(refs, reference, [], [(0.1, 0.0)])
    print(f"{'  previous settings as they were':<52} {p:9.2f} {r:7.2f} {f1:5.2f}")
    example_refs = compared(Project(ROOT / "examples"), EXAMPLE_MEETINGS)
    _table("Examples (settings not chosen on them)", example_refs, hand_alignment(EXAMPLES), EXAMPLES)
    new = {r.reference for r in example_refs}
    _table("Examples with the five meetings (pairs with an item of the examples)", refs + example_refs, pooled_alignment(), POOLED,
           lambda pair: bool(pair & new))
    if not args.no_sweep:
        print("\nSweep on the five meetings:")
        for link in (0.0, 0.15, 0.2, 0.25):
            for threshold in (0.08, 0.1, 0.12, 0.15):
                print(_line(f"threshold {threshold}, link {link}", *figures(refs, reference, threshold, THEME_WEIGHT, link)))


if __name__ == "__main__":
    main()
