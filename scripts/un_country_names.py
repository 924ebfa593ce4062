#!/usr/bin/env python3
"""Write templates/countries/names.yaml: United Nations short names of countries and areas, per language.

Source: the Countries & Territories Taxonomy of UN OCHA (the CSV "Countries & Territories Taxonomy
MVP - C&T Taxonomy.csv" shipped in the hdx-python-country package, hdx/location/). Its columns
"English Short", "French Short", "Spanish Short", "Russian Short", "Chinese Short" and "Arabic Short"
are the short names of the UN Terminology Database (UNTERM), as the UN Secretariat (DGACM) prints
them in lists of States: "Bolivia (Plurinational State of)", "Iran (Islamic Republic of)", "Türkiye".
Areas that are not States (the associate members of ECLAC and ESCAP: Puerto Rico, Curaçao …) have
no UNTERM name; for those the M49 names (UN Statistics Division, "Standard country or area codes for
statistical use") of the same file are used.

Usage:  pip download --no-deps hdx-python-country && unzip it, then
        python3 scripts/un_country_names.py PATH/TO/THE.csv [LANG ...]   (default: the six, en fr es ru zh ar)
The package is not a dependency of reportgen: only this script reads it, once.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "templates" / "countries" / "names.yaml"
COLUMNS = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "zh": "Chinese", "ar": "Arabic"}
ALIAS_COLUMNS = ("Preferred Term", "ISO Alt Term", "DGACM Alt Term", "RW Short Name", "M49 English")

HEADER = """\
# United Nations short names of countries and areas, per language (ISO 3166-1 alpha-3 code -> names).
# Generated chapters (generate: organization, statements …) print a country in the document's
# language from here; content names a country by its code ('BOL') or by its English name.
#
# Source: UN OCHA Countries & Territories Taxonomy, as shipped in the hdx-python-country package
# (version {version}): the UNTERM short names ("English Short", "French Short", "Spanish Short" …),
# which are the names the UN Secretariat prints in lists of States; for areas that are not States
# (no UNTERM name) the M49 names of the UN Statistics Division. Regenerate with
# scripts/un_country_names.py. `aliases` are other English names content may use (not printed).
# A project overrides or adds names in its own templates/countries/names.yaml, code by code.
"""


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[0])
    languages = argv[1:] or list(COLUMNS)
    # The package's version, from the unpacked wheel's dist-info folder beside hdx/.
    infos = sorted(source.resolve().parents[2].glob("hdx_python_country-*.dist-info"))
    version = infos[-1].name.removeprefix("hdx_python_country-").removesuffix(".dist-info") if infos else "unknown"
    out: dict[str, dict[str, object]] = {}
    with source.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["ISO 3166-1 Alpha 3-Codes"].strip() or row["x Alpha3 codes"].strip()
            if not code or row["Deprecated"].strip() == "Y":
                continue
            names: dict[str, object] = {}
            for lang in languages:
                short, m49 = row[f"{COLUMNS[lang]} Short"].strip(), row[f"M49 {COLUMNS[lang]}"].strip()
                # States (in the UNTERM list) by their UNTERM short name; other areas by their M49 name.
                name = (short or m49) if row["Appears in UNTERM list"].strip() == "Y" else (m49 or short)
                if name:
                    names[lang] = name
            if "en" not in names:
                continue
            found = {row[c].strip() for c in ALIAS_COLUMNS if row[c].strip()}
            inverted = re.match(r"^(.*) \((.*)\)$", str(names["en"]))  # 'Iran (Islamic Republic of)'
            if inverted:
                found.add(f"{inverted[2]} {inverted[1]}")  # 'Islamic Republic of Iran', as running text has it
            aliases = sorted(found - {names["en"]})
            if aliases:
                names["aliases"] = aliases
            out[code] = names
    text = HEADER.format(version=version) + yaml.safe_dump(dict(sorted(out.items())), allow_unicode=True, sort_keys=False, width=200)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {len(out)} countries and areas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
