"""The words `compare --suggest` leaves out, per language: templates/suggest/<lang>.yaml.

Data, not code: each language's file lists words and phrases that say who acts, when, and how a
decision is followed up ("the Technical Secretariat … at the next meeting") rather than what is
said, so that items sharing them are not joined on them alone. The file is found through the
template search path (a project's own templates/suggest/<lang>.yaml first, then the packaged
one); a language without one has none. Entries are matched after stemming, phrases word by word.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from ..core.errors import ContentError, Problem

log = logging.getLogger(__name__)

FOLDER = "suggest"


def ignored_phrases(language: str, search_path: Sequence[Path]) -> list[str]:
    """The `ignore:` entries of the first templates/suggest/<language>.yaml on the search path."""
    for folder in search_path:
        path = folder / FOLDER / f"{language}.yaml"
        if path.is_file():
            entries = _entries(path.read_bytes(), f"templates/{FOLDER}/{language}.yaml")
            log.debug("%s: %d phrase(s) left out of suggestions", path, len(entries))
            return entries
    return []


def _entries(raw: bytes, shown: str) -> list[str]:
    """The `ignore:` list of a file, every problem at its line (the file is a project's: untrusted)."""
    try:
        root = yaml.compose(raw.decode("utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ContentError([Problem(shown, line, column, "", f"not valid YAML ({getattr(exc, 'problem', None) or exc})")]) from None
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise ContentError([_at(shown, root, "", "expected a mapping with the key ignore:")])
    node = next((value for key, value in root.value if key.value == "ignore"), None)
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ContentError([_at(shown, node, "ignore", "expected a list of words or phrases")])
    problems = [_at(shown, item, f"ignore[{i}]", "expected a word or phrase")
                for i, item in enumerate(node.value) if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip()]
    if problems:
        raise ContentError(problems)
    return [str(item.value) for item in node.value]


def _at(shown: str, node: yaml.Node, where: str, message: str) -> Problem:
    return Problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, where, message)


def phrase_filter(phrases: Sequence[str], split: Callable[[str], list[str]],
                  stem: Callable[[list[str]], list[str]]) -> Callable[[list[str]], list[int]]:
    """A function giving the positions of a text's words (and stems) that belong to none of the
    phrases: the longest phrase is matched first, on stems."""
    table = {tuple(stem(split(p))) for p in phrases}
    table.discard(())
    lengths = sorted({len(k) for k in table}, reverse=True)

    def kept(stems: list[str]) -> list[int]:
        out, i = [], 0
        while i < len(stems):
            n = next((n for n in lengths if tuple(stems[i:i + n]) in table), 0)
            if n:
                i += n
            else:
                out.append(i)
                i += 1
        return out

    return kept
