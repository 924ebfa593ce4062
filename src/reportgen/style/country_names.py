"""United Nations short names of countries and areas per language (templates/countries/names.yaml).

Content names a country by its ISO 3166-1 alpha-3 code ('BOL') or by any English name the file
knows ('Bolivia (Plurinational State of)', 'Plurinational State of Bolivia'); generated text prints
the UN short name in the document's language. The packaged file says where the names come from;
a project's own templates/countries/names.yaml adds or overrides names, code by code.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.loader import load_yaml
from ..core.project import is_inside

log = logging.getLogger(__name__)

NAMES_FILE = Path("countries") / "names.yaml"


def _fold(name: str) -> str:
    """A name as compared: case, curly apostrophes and spacing ignored."""
    return " ".join(name.replace("\u2019", "'").casefold().split())


class CountryNames:
    """Codes and per-language names of countries and areas."""

    def __init__(self, table: dict[str, dict[str, Any]]) -> None:
        self.table = table
        self._codes: dict[str, str] = {}
        for code, entry in table.items():
            for name in [code, *(v for k, v in entry.items() if k != "aliases"), *entry.get("aliases", [])]:
                self._codes.setdefault(_fold(str(name)), code)

    @classmethod
    def load(cls, search_path: Sequence[Path]) -> CountryNames:
        """The packaged table with any project's on top (files outside their template folder are skipped).
        Kept per process while the files are unchanged (the preview server sees an edited table at once)."""
        files = tuple(folder / NAMES_FILE for folder in search_path)
        stamps = tuple((f.stat().st_mtime_ns, f.stat().st_size) if f.is_file() else None for f in files)
        return _load(tuple(search_path), stamps)

    def code(self, name: str) -> str | None:
        """The code of a country given by code or by any of its names, or None."""
        return self._codes.get(_fold(name))

    def name(self, country: str, language: str) -> str:
        """The UN short name in `language` (else English), or the text as written if unknown."""
        code = self.code(country)
        if code is None:
            return country
        entry = self.table[code]
        return str(entry.get(language) or entry.get("en") or country)

    def known(self) -> list[str]:
        """Every code and English name (for 'did you mean')."""
        return [*self.table, *(str(e["en"]) for e in self.table.values() if "en" in e)]


@lru_cache(maxsize=8)
def _load(search_path: tuple[Path, ...], stamps: tuple[object, ...]) -> CountryNames:
    table: dict[str, dict[str, Any]] = {}
    for folder in reversed(search_path):
        path = folder / NAMES_FILE
        if not path.is_file() or not is_inside(path, folder):
            continue
        loaded = load_yaml(path, str(path))
        if not isinstance(loaded.data, dict):
            log.warning("%s: expected a mapping of country codes", path)
            continue
        for code, entry in loaded.data.items():
            if isinstance(entry, dict):
                table[str(code)] = {**table.get(str(code), {}), **entry}
    return CountryNames(table)
