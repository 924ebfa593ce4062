"""Inline Markdown for text fields: a small subset, HTML disabled, footnote references.

Supported: *em*, **strong**, [links](url), bare URLs (www.… and https://…, linked as written),
^sup^, ~sub~, backslash escapes, and [^id] footnote references, which render as
<span class="fn">footnote text</span> at the point of reference. Raw HTML typed in content is
escaped, never passed through.

Quotes and apostrophes are set by markdown-it's typographer (its smartquotes rule only: its
replacements would turn a list's "(c)" into "©"): an apostrophe becomes ’, and quotation marks
those of the document's language, from the label catalogue's `quotes` (double opening, double
closing, single opening, single closing; French puts no-break spaces inside « »). Content keeps
the straight characters a keyboard types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markupsafe import Markup, escape
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


def _footnote_ref(state: StateInline, silent: bool) -> bool:
    match = _FOOTNOTE_REF.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": match.group(1)}
    state.pos = match.end()
    return True


ENGLISH_QUOTES = ("“", "”", "‘", "’")


@lru_cache(maxsize=16)
def _parser(quotes: tuple[str, ...] = ENGLISH_QUOTES) -> MarkdownIt:
    """The inline parser setting these quotation marks (one per language in use)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": True, "quotes": list(quotes)})
    # Only inline constructs: block syntax (headings, lists, code) is not part of the subset.
    md.disable(["image", "autolink", "backticks", "entity", "replacements"], ignoreInvalid=True)
    md.enable(["linkify", "smartquotes"])
    # An e-mail address stays text (documents print addresses, not mailto links); www.iom.int is a link.
    md.linkify.set({"fuzzy_email": False}).tlds("int", True)
    md.use(superscript_plugin).use(sub_plugin)
    md.inline.ruler.before("link", "footnote_ref", _footnote_ref)

    def render_footnote(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        ident = tokens[idx].meta["id"]
        notes: Mapping[str, str] = env.get("footnotes", {})
        printed: set[str] | None = env.get("printed")
        if printed is not None:  # a note is printed once, where it is first cited
            if ident in printed:
                return ""
            printed.add(ident)
        body = inline(notes.get(ident, ident), {}, tuple(options["quotes"]))  # footnotes do not nest
        return f'<span class="fn">{body}</span>'

    md.add_render_rule("footnote_ref", render_footnote)
    return md


def inline(text: str, env: dict | None = None, quotes: Sequence[str] | None = None) -> Markup:
    """One paragraph of inline Markdown as safe HTML (line breaks inside become spaces), with the
    quotation marks `quotes` (English ones by default)."""
    parser = _parser(tuple(quotes) if quotes else ENGLISH_QUOTES)
    html = parser.renderInline(" ".join(text.split()), env if env is not None else {})
    return Markup(html.strip())


def paragraphs(text: str) -> list[str]:
    """Split a text field into its paragraphs (separated by blank lines)."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def plain(text: str) -> str:
    """Text without its Markdown markup, e.g. for the document title in PDF metadata."""
    html = _parser().renderInline(_FOOTNOTE_REF.sub("", " ".join(text.split())))
    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")


__all__ = ["inline", "paragraphs", "plain", "escape"]
