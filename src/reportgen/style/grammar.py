"""What a language's grammar asks of a sentence filled from facts, said as catalogue data.

Four devices, each general (no language is named in code):

- **Words with forms.** A catalogue word may be a mapping of named forms (Russian cases:
  `the_session: {nom: сессия, gen: сессии, acc: сессию, prep: сессии}`; numbers as lists per form).
  It prints its first form, or the form a phrase names after a colon: `{the_session:gen}`.
- **Count agreement.** A phrase text may be a mapping by the CLDR plural category of its count
  (zero, one, two, few, many, other; `other` required): Russian "21 члена" / "25 членов", Arabic
  "عضوين" / "3 أعضاء" / "25 عضوا". Categories come from the CLDR through Babel.
- **Contractions.** The label catalogue's `contractions` ({"de le": "du", "de les": "des"}) join a
  phrase's last word with the first word of what fills the placeholder after it: "au nom de" +
  "le Comité" gives "au nom du Comité"; only at that junction, so text inside a value is never changed.
- **Ordinals above the catalogue's list.** `ordinal_tens` composes them: the word of the tens run a
  number falls in, the ordinal of the rest, joined by a pattern ("twenty-first", "vingt et unième",
  "soixante-quatorzième" = soixante + quatorzième, "الحادية والعشرين", "第七十四"); a tens alone takes
  its `round` word ("fortieth"). Each part may be given per gender of the ordinals.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable, Mapping
from typing import Any

from babel.core import Locale, UnknownLocaleError

log = logging.getLogger(__name__)

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# A form name after a placeholder: {the_session:gen}
_FORM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class Forms(str):
    """A word that prints its first form, or the named one in a format field ('{the_session:gen}')."""

    forms: dict[str, str]

    def __new__(cls, value: str | Mapping[str, str]) -> Forms:
        forms = {str(k): str(v) for k, v in value.items()} if isinstance(value, Mapping) else {}
        word = super().__new__(cls, next(iter(forms.values())) if forms else str(value))
        word.forms = forms
        return word

    def __format__(self, spec: str) -> str:
        return self.forms.get(spec, str(self)) if spec else str(self)

    def map(self, change: Callable[[str], str]) -> Forms:
        """The same word with every form changed (capitalised to start a sentence)."""
        return Forms({k: change(v) for k, v in self.forms.items()}) if self.forms else Forms(change(str(self)))


def plural_category(count: int, locale: str) -> str:
    """The CLDR plural category of `count` in `locale` ('one', 'few', 'many', 'other' …)."""
    try:
        return str(Locale.parse(locale).plural_form(count))
    except (ValueError, UnknownLocaleError):
        return "one" if count == 1 else "other"


def by_count(entry: Any, count: int | None, locale: str) -> str:
    """A phrase text, or its form for `count` when it is given per CLDR plural category."""
    if not isinstance(entry, Mapping):
        return str(entry)
    if count is None:
        return str(entry["other"])
    return str(entry.get(plural_category(count, locale), entry["other"]))


def contract(before: str, value: str, rules: Mapping[str, str]) -> str:
    """`before` followed by `value`, a word pair of `rules` at the junction contracted ('de' + 'le Comité')."""
    for pair, contracted in rules.items():
        first, _, second = str(pair).partition(" ")
        head = before[: len(before) - len(first) - 1]
        if (before.endswith(f"{first} ") and (not head or not head[-1].isalnum()) and value.startswith(f"{second} ")):
            return f"{head}{contracted} {value[len(second) + 1:]}"
    return before + value


def fill(text: str, values: Mapping[str, Any], rules: Mapping[str, str]) -> str:
    """A phrase with its placeholders filled: a word's named form where a field names one, the
    catalogue's contractions at each junction; a placeholder without a value prints as nothing."""
    out = ""
    for literal, name, spec, _ in string.Formatter().parse(text):
        out += literal
        if name is None:
            continue
        value = values.get(name, "")
        shown = format(value, spec) if spec and isinstance(value, Forms) else str(value)
        out = contract(out, shown, rules) if rules else out + shown
    return out


def form_names(text: str) -> set[str]:
    """The form names a phrase asks for ('{the_session:gen}' → gen)."""
    try:
        return {spec for _, name, spec, _ in string.Formatter().parse(text) if name is not None and spec}
    except ValueError:
        return set()


def without_forms(text: str) -> str:
    """The phrase with its form names left out, to try its format with sample values."""
    return re.sub(r"\{(\w+):[A-Za-z_][\w-]*\}", r"{\1}", text)


def variant_problem(value: Any, reference: Any) -> str | None:
    """Whether a phrase value given where the English catalogue has a text (or a list) is a valid
    mapping of variants: texts by CLDR plural category (with `other`), or lists of forms of the
    reference's length; None if it is, else what is wrong."""
    if isinstance(reference, str):
        unknown = [k for k in value if k not in PLURAL_CATEGORIES]
        if unknown or "other" not in value:
            return f"a text, or a mapping by CLDR plural category ({', '.join(PLURAL_CATEGORIES)}; 'other' required)"
        if not all(isinstance(v, str) for v in value.values()):
            return "each plural category's entry a text"
        return None
    if isinstance(reference, list):
        bad = [k for k, v in value.items() if not _FORM_NAME.match(str(k)) or not isinstance(v, list)
               or len(v) != len(reference) or not all(isinstance(x, str) for x in v)]
        return f"a list, or a mapping of named forms each a list of {len(reference)} texts" if bad or not value else None
    return "unexpected mapping"


# ------------------------------------------------------------------ ordinals above the catalogue's list

ORDINAL_TENS_KEYS = ("tens", "round", "units", "join", "join_for")


def _per_gender(value: Any) -> bool:
    """Whether a part of `ordinal_tens` is given per gender (its keys are names, not tens: 20, 30 …)."""
    return isinstance(value, Mapping) and bool(value) and not any(str(k).isdigit() for k in value)


def _of_gender(value: Any, gender: str) -> Any:
    """A part of `ordinal_tens` for `gender`: its entry where the part is given per gender, else the
    part itself; tens keyed by number (YAML loaders may give them as text)."""
    value = value.get(gender) if _per_gender(value) else value
    if isinstance(value, Mapping):
        return {int(k): v for k, v in value.items() if str(k).isdigit()}
    return value


def compose_ordinal(n: int, gender: str, rule: Mapping[str, Any], ordinals: list[str]) -> str | None:
    """The ordinal `n` composed by the catalogue's `ordinal_tens` (see the module's docstring), in
    `gender`; None where the data cannot compose it (the caller prints the figure)."""
    tens = _of_gender(rule.get("tens"), gender)
    if not isinstance(tens, Mapping):
        return None
    base = max((t for t in tens if t <= n), default=None)
    if base is None:
        return None
    rest = n - base
    if rest == 0:
        alone = _of_gender(rule.get("round"), gender) or tens
        return str(alone[base]) if base in alone else None
    units = _of_gender(rule.get("units"), gender) or ordinals[:9]
    if rest > len(units):
        return None
    join = next((str(p) for p, numbers in (rule.get("join_for") or {}).items() if str(n) in map(str, numbers or ())),
                str(rule.get("join", "{tens} {unit}")))
    return fill(join, {"tens": tens[base], "unit": units[rest - 1]}, {})


def ordinal_tens_problems(rule: Any, genders: list[str]) -> list[tuple[str, str]]:
    """What is wrong with a catalogue's `ordinal_tens`, as (key path, message), beyond what the check
    against the packaged English catalogue finds (`tens` and `round` mappings, `join` a text)."""
    if not isinstance(rule, Mapping):
        return []  # the check against the English catalogue names it
    found = [(f"ordinal_tens.{k}", "unknown key; expected " + ", ".join(ORDINAL_TENS_KEYS)) for k in rule if k not in ORDINAL_TENS_KEYS]
    for part in ("tens", "round", "units"):
        value = rule.get(part)
        if value is None or (part != "units" and not isinstance(value, Mapping)):
            continue
        per_gender = _per_gender(value)
        for name, inner in (value.items() if per_gender else [("", value)]):
            path = f"ordinal_tens.{part}" + (f".{name}" if per_gender else "")
            if per_gender and name not in genders:
                found.append((path, "unknown gender; expected one of the ordinals' genders: " + ", ".join(genders)))
            elif part != "units" and not (isinstance(inner, Mapping) and all(
                    str(k).isdigit() and 10 <= int(k) <= 90 and int(k) % 10 == 0 and isinstance(v, str) for k, v in inner.items())):
                found.append((path, "expected a mapping of tens (20, 30 … 90) to texts, or of the ordinals' genders to such mappings"))
            elif part == "units" and not (isinstance(inner, list) and inner and all(isinstance(v, str) for v in inner)):
                found.append((path, "expected a list of the ordinals 1, 2, 3 … as they end a compound, or of the ordinals' genders to such lists"))
    join_for = rule.get("join_for") or {}
    if not isinstance(join_for, Mapping) or not all(
            _names(str(pattern)) <= {"tens", "unit"} and isinstance(numbers, list) and all(str(x).isdigit() for x in numbers)
            for pattern, numbers in join_for.items()):
        found.append(("ordinal_tens.join_for", "expected a mapping of patterns using only {tens} and {unit} to the numbers "
                                               'they join, e.g. {"{tens} et {unit}": [21, 31]}'))
    return found


def _names(text: str) -> set[str]:
    """The placeholders of a text; a text that is not a valid format gives {'?'}."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"?"}
