"""What a language's grammar asks of a sentence filled from facts, said as catalogue data.

Three devices, each general (no language is named in code):

- **Words with forms.** A catalogue word may be a mapping of named forms (Russian cases:
  `the_session: {nom: сессия, gen: сессии, acc: сессию, prep: сессии}`; numbers as lists per form).
  It prints its first form, or the form a phrase names after a colon: `{the_session:gen}`.
- **Count agreement.** A phrase text may be a mapping by the CLDR plural category of its count
  (zero, one, two, few, many, other; `other` required): Russian "21 члена" / "25 членов", Arabic
  "عضوين" / "3 أعضاء" / "25 عضوا". Categories come from the CLDR through Babel.
- **Contractions.** The label catalogue's `contractions` ({"de le": "du", "de les": "des"}) join a
  phrase's last word with the first word of what fills the placeholder after it: "au nom de" +
  "le Comité" gives "au nom du Comité"; only at that junction, so text inside a value is never changed.
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
