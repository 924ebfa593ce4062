"""How well `reportgen compare --suggest` finds the points a policy analyst made by hand.

    python bench/suggest_points.py                 # the shipped settings, then a sweep of the threshold
    python bench/suggest_points.py --no-sweep

Prints the pairwise precision and recall of "same row" (and F1) of the suggested points against
bench/alignment/five-meetings.yaml, over the compared items of the five meetings in content/,
side by side with two alternatives: TF-IDF without the theme prior, and the themes alone (items
joined when their theme sets are the same). tests/test_points.py checks the shipped settings do
not fall below the figures recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportgen.briefs.items import compared_items  # noqa: E402
from reportgen.briefs.suggest import THEME_WEIGHT, THRESHOLD, precision_recall, suggest  # noqa: E402
from reportgen.content.model import load_meetings  # noqa: E402
from reportgen.core.project import Project  # noqa: E402

ALIGNMENT = ROOT / "bench" / "alignment" / "five-meetings.yaml"
MEETINGS = ["fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3"]


def hand_alignment(path: Path = ALIGNMENT) -> list[list[str]]:
    """The analyst's points as lists of item references."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [[entry["item"] for entry in point["items"]] for point in data["points"]]


def compared(project: Project):  # -> list[ItemRef]
    meetings = load_meetings(project, MEETINGS)
    return [r for m in MEETINGS for r in compared_items(meetings[m])]


def figures(refs, reference, threshold: float = THRESHOLD, theme_weight: float = THEME_WEIGHT) -> tuple[float, float, int]:
    groups = [[r.reference for r, _ in s.items] for s in suggest(refs, "en", threshold, theme_weight)]
    p, r = precision_recall(groups, reference)
    return p, r, len(groups)


def _themes_alone(refs, reference) -> tuple[float, float, int]:
    by_themes: dict[tuple[str, ...], list[str]] = {}
    for r in refs:
        by_themes.setdefault(tuple(sorted(r.themes)), []).append(r.reference)
    groups = [g for g in by_themes.values() if len({x.split(",")[0] for x in g}) > 1]
    p, r = precision_recall(groups, reference)
    return p, r, len(groups)


def _line(name: str, p: float, r: float, n: int) -> str:
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{name:<44} {p:9.2f} {r:7.2f} {f1:5.2f} {n:7d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-sweep", action="store_true", help="Only the shipped settings and the alternatives.")
    args = parser.parse_args()
    refs = compared(Project(ROOT))
    reference = hand_alignment()
    pairs = sum(len(g) * (len(g) - 1) // 2 for g in reference)
    print(f"{len(refs)} compared items, {len(reference)} hand-made points ({pairs} same-row pairs); load average {os.getloadavg()[0]:.2f}")
    print(f"{'settings':<44} {'precision':>9} {'recall':>7} {'F1':>5} {'points':>7}")
    print(_line(f"shipped (threshold {THRESHOLD}, theme weight {THEME_WEIGHT})", *figures(refs, reference)))
    print(_line("TF-IDF without the theme prior", *figures(refs, reference, THRESHOLD, 0.0)))
    print(_line("themes alone (same theme set)", *_themes_alone(refs, reference)))
    if not args.no_sweep:
        for weight in (0.0, 0.25, 0.5, 0.75):
            for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
                print(_line(f"threshold {threshold}, theme weight {weight}", *figures(refs, reference, threshold, weight)))


if __name__ == "__main__":
    main()
