"""Sentences and gists: where a text may be shortened without cutting a sentence.

Briefs and chair's summaries give an item by its gist: the item's `gist:` when the secretariat
wrote one, otherwise its first complete sentence. A full stop ends a sentence only when the
next word starts like a sentence (a capital, an opening quote or bracket, ¿ or ¡) and the word
before it is not an abbreviation ("para. 12", "No. 3", "e.g.", "U.S.", "Mr.", "Sr.") or an
initial ("Jorge A. Bustamante"). When in doubt the splitter does not split: a gist may be one
sentence too long, never a sentence too short.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# Abbreviations (compared without regard to case) after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset("""
    para paras no nos art arts p pp vol vols ch chap sect sec fig figs cf viz vs etc al
    mr mrs ms messrs dr prof sr sra srta dña dn lic ing amb hon rev gen st ltd inc co corp dept
    jan feb mar apr jun jul aug sep sept oct nov dec approx est ed eds op cit ibid núm pág cap
""".split())

_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+)""")
_OPENS_SENTENCE = re.compile(r"""\s+["'“‘«(\[¿¡*]*[A-ZÁÉÍÓÚÑÜ]""")
_WORD_BEFORE = re.compile(r"""(\S+?)[.!?…]+["'”’»)\]]*$""")
_DOTTED = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$")  # U.S, e.g, EE.UU, i.e


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the punctuation run ending at `end` closes a sentence."""
    if not _OPENS_SENTENCE.match(text, end):
        return False
    head = text[:end]
    if head.endswith(("!", "?", "…")) or re.search(r"[!?…][\"'”’»)\]]+$", head):
        return True
    word = _WORD_BEFORE.search(head)
    if word is None:
        return True
    token = word.group(1).lstrip("\"'“‘«([¿¡*")
    if token.casefold() in ABBREVIATIONS or _DOTTED.match(token):
        return False
    return not (len(token) == 1 and token.isalpha())  # an initial: "Jorge A. Bustamante"


def sentences(text: str) -> list[str]:
    """The sentences of a text (whitespace collapsed), in order."""
    flat = " ".join(text.split())
    out: list[str] = []
    start = 0
    for match in _END.finditer(flat):
        if _ends_sentence(flat, match.end()):
            out.append(flat[start:match.end()].strip())
            start = match.end()
    rest = flat[start:].strip()
    if rest:
        out.append(rest)
    return out


def first_sentence(text: str) -> str:
    """The first complete sentence of the text's first paragraph."""
    found = sentences(text.strip().split("\n\n")[0])
    return found[0] if found else ""


@dataclass(frozen=True)
class Gist:
    """How an item is given when it is not printed in full."""

    text: str
    """The secretariat's `gist:`, else the item's first sentence."""
    written: bool
    """True when the text is the item's own `gist:` field."""
    shortened: bool
    """True when something of the item is left out (more sentences, paragraphs or sub-items)."""


def gist(item: Any) -> Gist:
    """The gist of a list item (or tagged paragraph): its `gist:`, else its first sentence."""
    text = getattr(item, "text", None) or getattr(item, "paragraph", "")
    more = bool(getattr(item, "more", None))
    whole = " ".join(text.split())
    written = getattr(item, "gist", None)
    if written:
        return Gist(" ".join(written.split()), True, written.split() != whole.split() or more)
    first = first_sentence(text)
    return Gist(first, False, first != whole or more)


_WHOLE_END = re.compile(r"""[.!?…]["'”’»)\]*]*$""")
_FIRST_LETTER = re.compile(r"[^\W\d_]")


def is_fragment(text: str) -> bool:
    """Whether a text is not a whole sentence: it starts in lower case (a list item that continues
    its lead-in: "the centrality of human rights …;") or ends without a full stop, ? or !."""
    text = text.strip()
    letter = _FIRST_LETTER.search(text)
    return not text or (letter is not None and letter.group().islower()) or not _WHOLE_END.search(text)


def needs_gist(item: Any) -> bool:
    """Whether a brief or summary would have to shorten this item, or print a fragment, for lack of a `gist:`."""
    if getattr(item, "gist", None):
        return False
    given = gist(item)
    return given.shortened or is_fragment(given.text)
