"""Mutants of a real meeting file, as a careless editor or an attacker would make them.

Deterministic for a seed: the fuzz test and tools/fuzz_corpus.py see the same corpus."""

from __future__ import annotations

import random
import re

# Things people type, paste or try: YAML syntax, anchors and tags, numbers and dates out of range,
# characters documents cannot carry, markup, template syntax, very long words.
TOKENS = [
    "\x07", "\x1b", "\ufffe", "\u202e", "\u00ad", "\t", "&a ", "*a", "*nope", "<<: *a", "[", "]", "{", "}", ": ", " #",
    "'", '"', "!!binary ", "!!python/object:os.system ", "!foo ", "---\n", "~", "- ", "? ", "|", ">", "%", "@", "`",
    "9" * 30, "0", "-1", "1e999", ".nan", ".inf", "2013-02-30", "1970-01-01", "1600-01-01", "99:99", "[^x]",
    "[^preliminary-report]", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "[a](file:///etc/passwd)",
    "**", "^", "~~", "\\", "x" * 3000, "https://example.org/" + "a/" * 80,
]
VALUES = [
    "0", "-5", "100000", "99999999999999999999999", "3.5", "1e999", ".nan", "null", "~", "''", "true", "no",
    "[]", "{}", "[1, 2]", "{a: 1}", "2013-07-32", "1066-10-14", "2013-07-10", "9:30", '"\\a"', '"\\uFFFE"',
    "&anchor x", "*anchor", "!!binary aGVsbG8=", '"' + "w" * 5000 + '"', "(i)", "(a)", "none", "landscape",
    "[x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]",
]


def _mutate(lines: list[str], rng: random.Random) -> list[str]:
    lines = list(lines)
    i = rng.randrange(len(lines))
    op = rng.randrange(9)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[i])
    elif op == 2 and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif op == 3:
        lines[i] = " " * rng.choice([1, 2, 4]) + lines[i] if rng.random() < 0.5 else lines[i][rng.choice([1, 2]):]
    elif op == 4:
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rng.choice(TOKENS) + lines[i][at:]
    elif op == 5:
        match = re.match(r"^(\s*(?:- )?[\w-]+: )(.*)$", lines[i])
        if match:
            lines[i] = match.group(1) + rng.choice(VALUES)
    elif op == 6:
        del lines[rng.randrange(len(lines) // 2, len(lines)):]
    elif op == 7:
        keys = [m.group(1) for line in lines if (m := re.match(r"^\s*(?:- )?([\w-]+):", line))]
        lines[i] = re.sub(r"^(\s*(?:- )?)[\w-]+:", lambda m: m.group(1) + rng.choice(keys) + ":", lines[i], count=1)
    else:
        match = re.match(r"^(\s*(?:- )?[\w-]+: )(.*)$", lines[i])
        if match:  # an alias bomb or a self-reference grafted onto a value
            lines[i] = match.group(1) + rng.choice(["&r [*r]", "&b [" + ", ".join(["x"] * 9) + "]"])
            lines.append("zz: [" + ", ".join(["*b"] * 9) + "]" if "&b" in lines[i] else "zz: 1")
    return lines


def mutants(text: str, count: int, seed: int) -> list[str]:
    """`count` mutants of `text`, each one to three mutations away from it."""
    rng = random.Random(seed)
    lines = text.splitlines()
    out = []
    for _ in range(count):
        mutated = lines
        for _ in range(rng.choice([1, 1, 2, 3])):
            mutated = _mutate(mutated, rng) or lines
        out.append("\n".join(mutated) + "\n")
    return out
