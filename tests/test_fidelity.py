"""Every meeting's full record reproduces its seed document: words (bag) and their order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, SEED_FILES
from .fidelity import bag_coverage, missing, order_coverage, text_of, words

CASES = [(m, f) for m in SEED_FILES for f in ("pdf", "docx")]


@pytest.mark.parametrize(("meeting", "fmt"), CASES, ids=[f"{m}-{f}" for m, f in CASES])
def test_output_reproduces_seed(meeting: str, fmt: str, seed_text, built: dict) -> None:  # seeds first: skip before building
    seed = words(seed_text(meeting))
    output = words(text_of(built[(meeting, "rapporteur-report", fmt)]))
    bag = bag_coverage(seed, output)
    assert bag >= 0.97, f"{meeting} {fmt}: {bag:.1%} of the seed's words; most missing: {missing(seed, output, 15)}"
    order = order_coverage(seed, output)
    assert order >= 0.90, f"{meeting} {fmt}: {order:.1%} of the seed's words in order"


def test_measures_detect_loss() -> None:
    seed = words("The meeting was held in Santiago on 10 and 11 July 2013.")
    assert bag_coverage(seed, seed) == 1.0
    half = seed[: len(seed) // 2]
    assert bag_coverage(seed, half) == pytest.approx(len(half) / len(seed))
    assert order_coverage(seed, list(reversed(seed))) < 0.2
    assert words("<sup>1</sup> [www.segib.org](http://www.segib.org) Rapporteur’s") == ["1", "www", "segib", "org", "rapporteur's"]


def test_text_of_reads_docx_footnotes(built: dict) -> None:
    text = text_of(built[("hld2013", "rapporteur-report", "docx")])
    assert "LC/G.2432(SES.33/3), 2010." in text
    assert isinstance(built[("hld2013", "rapporteur-report", "pdf")], Path)


def test_without_the_seeds_the_fidelity_tests_skip_saying_why(tmp_path: Path) -> None:
    """A clone on its own (no ../shared/seeds/): skipped with the reason, nothing built, no failure."""
    env = {**os.environ, "REPORTGEN_SEEDS": str(tmp_path / "absent"), "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run([sys.executable, "-m", "pytest", str(Path(__file__)), "-k", "hld2013-pdf", "-rs", "-q", "-p", "no:cacheprovider"],
                            cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout and "the seed documents are not here" in result.stdout
