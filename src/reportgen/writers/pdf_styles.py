"""What a process keeps between PDF layouts: the parsed stylesheets and their font configuration."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import tinycss2

from ..core.signatures import file_stat, files_under

log = logging.getLogger(__name__)

# The parsed stylesheets and their font configuration, kept per process while the stylesheets
# are unchanged. Left to itself WeasyPrint makes a new font configuration (Fontconfig's
# configuration and a Pango font map) for every document: the fonts are loaded again each time
# and the memory is never all given back (a worker building meeting after meeting gained 2 to 4
# MiB a meeting from this alone, and spent about 12 % more CPU). Same fonts, same bytes.
_parsed: dict[tuple[Any, ...], tuple[Any, Any, list[Any]]] = {}
_KEPT = 8  # sets of stylesheets (houses) kept at most


def parsed_styles(weasyprint: Any, css_paths: list[Path], search_path: list[Path], fetcher: Any,
                  made: str = "") -> tuple[Any, Any, list[Any]]:
    """The font configuration, counter styles and parsed stylesheets for these stylesheets (and
    `made`, CSS made from house.yaml, applied last), parsed again when any stylesheet of the
    template folders changes (one may @import another).
    WeasyPrint reads the @counter-style rules of these stylesheets (labels/ar.css: Arabic lettered
    lists) only through a CounterStyle shared by the stylesheets and the render."""
    from weasyprint.css.counters import CounterStyle
    from weasyprint.text.fonts import FontConfiguration

    sheets = [f for folder in search_path for f in files_under(folder, (".css",))]
    key = (os.getpid(), tuple(css_paths), tuple(search_path), tuple(file_stat(f) for f in sheets), made)
    if key not in _parsed:
        if len(_parsed) >= _KEPT:
            _parsed.clear()
        font_config, counter_style = FontConfiguration(), CounterStyle()
        parsed = [weasyprint.CSS(filename=str(path), url_fetcher=fetcher, font_config=font_config, counter_style=counter_style)
                  for path in css_paths]
        if made:
            parsed.append(weasyprint.CSS(string=made, font_config=font_config, counter_style=counter_style))
        for path in css_paths:
            for line in overridden_page_margins(path):
                log.warning("%s:%d: @page sets a margin, which house.yaml page_margins overrides (both the PDF and Word "
                            "read the page margins from there): give them as page_margins in the house's house.yaml", path, line)
        _parsed[key] = font_config, counter_style, parsed
    return _parsed[key]


def overridden_page_margins(path: Path) -> list[int]:
    """The lines where a stylesheet's plain `@page` rule sets a margin: the measures' CSS (house.yaml
    page_margins) comes after every stylesheet and sets them instead. A rule with a selector
    (`@page wide`, `@page :first`) is more specific and keeps its own."""
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8", errors="replace"), skip_comments=True, skip_whitespace=True)
    found = []
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "page" or rule.content is None:
            continue
        if any(token.type != "whitespace" for token in rule.prelude):
            continue
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        found += [d.source_line for d in declarations if d.type == "declaration" and d.lower_name.startswith("margin")]
    return found
