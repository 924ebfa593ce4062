"""Fidelity measures: how much of a seed document's wording an output reproduces.

Usable from tests and by hand:  python tests/fidelity.py SEED.txt OUTPUT.(txt|pdf|docx)
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

_TAG = re.compile(r"<[^>]+>")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))+\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Case-folded words of a text, markup (HTML tags, Markdown link targets) removed."""
    text = _TAG.sub(" ", text)
    text = _LINK_TARGET.sub("]", text)
    text = text.replace("’", "'").replace("‘", "'")
    return [w.casefold() for w in _WORD.findall(text)]


def bag_coverage(seed: list[str], output: list[str]) -> float:
    """Share of the seed's words (with multiplicity) that the output also has."""
    if not seed:
        return 1.0
    have = Counter(output)
    need = Counter(seed)
    return sum(min(n, have[w]) for w, n in need.items()) / len(seed)


def order_coverage(seed: list[str], output: list[str]) -> float:
    """Share of the seed's words found in the output in the seed's order (matching blocks)."""
    if not seed:
        return 1.0
    matcher = SequenceMatcher(None, seed, output, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(seed)


def missing(seed: list[str], output: list[str], most: int = 40) -> list[tuple[str, int]]:
    """The seed words the output lacks most often: where to look when coverage is low."""
    lack = Counter(seed) - Counter(output)
    return lack.most_common(most)


def text_of(path: Path) -> str:
    """Plain text of a .txt, .pdf (pdftotext) or .docx (paragraphs, tables, footnotes) file."""
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    if path.suffix == ".docx":
        import zipfile

        with zipfile.ZipFile(path) as z:
            parts = [n for n in z.namelist() if re.fullmatch(r"word/(document|footnotes|header\d*)\.xml", n)]
            xml = " ".join(z.read(n).decode("utf-8") for n in sorted(parts))
        xml = re.sub(r"</w:p>", "\n", xml)
        return re.sub(r"<[^>]+>", "", xml)
    return path.read_text(encoding="utf-8")


if __name__ == "__main__":
    seed_words = words(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out_words = words(text_of(Path(sys.argv[2])))
    print(f"bag coverage   {bag_coverage(seed_words, out_words):.3%}")
    print(f"order coverage {order_coverage(seed_words, out_words):.3%}")
    print("most missing:", missing(seed_words, out_words, 30), flush=True)
