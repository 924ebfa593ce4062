"""Which rules of the print stylesheet cost most PDF time: lay hld2013's report out once
without each top-level rule in turn and compare with the whole stylesheet (CPU time, warm).

    python bench/css_rules.py [--top 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def top_level_rules(css: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level rule, braces matched (comments skipped)."""
    rules, depth, start, i = [], 0, 0, 0
    while i < len(css):
        if css.startswith("/*", i):
            i = css.index("*/", i) + 2
            if depth == 0:
                start = i
            continue
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth -= 1
            if depth == 0:
                rules.append((start, i + 1))
                start = i + 1
        i += 1
    return rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    from weasyprint import CSS, HTML

    from reportgen.build.meeting import BuildOptions, render_meeting
    from reportgen.core.project import Project
    from reportgen.writers.pdf import _prepare, without_cyclic_gc

    (item, *_), ctx = render_meeting(Project(REPO), "hld2013", BuildOptions(kinds=("rapporteur-report",)))
    html = _prepare(item.html)
    css = ctx.find("print.css").read_text(encoding="utf-8")

    def cost(stylesheet: str) -> float:
        start = time.process_time()
        with without_cyclic_gc():
            HTML(string=html, base_url=str(ctx.search_path[0])).render(stylesheets=[CSS(string=stylesheet)]).write_pdf()
        return time.process_time() - start

    cost(css)
    rules = top_level_rules(css)
    baseline, saved = [], []
    for start, end in rules:
        baseline.append(cost(css))
        saved.append((cost(css[:start] + css[end:]), css[start:end].strip()))
    base = statistics.median(baseline)
    print(f"whole stylesheet: {base:.2f} s CPU (median of {len(baseline)}), {len(rules)} top-level rules")
    print("rules whose removal saves most (s CPU, share of the whole):")
    for seconds, rule in sorted(saved)[: args.top]:
        selector = " ".join(rule.split("{", 1)[0].split())
        print(f"  {base - seconds:6.2f}  {100 * (base - seconds) / base:5.1f} %  {selector}")


if __name__ == "__main__":
    main()
