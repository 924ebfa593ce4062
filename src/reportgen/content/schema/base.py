"""Building blocks of the content schema: identifiers, text, times, the strict base model."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PrivateAttr, StringConstraints, WithJsonSchema

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""Identifiers: lower-case letters, digits and hyphens, e.g. 'j-martinez'."""

Text = Annotated[str, StringConstraints(min_length=1)]

LANGUAGE_PATTERN = r"^[a-z]{2}$"
# Checked by validate (model_checks, and against the label catalogues) with the other problems of
# the file; the JSON Schema carries the pattern for editors.
Language = Annotated[str, WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN})]
"""A language as its two-letter ISO 639-1 code: 'en', 'es', 'fr'."""

# Bounds that keep every valid document printable in both formats (docs/content.md, "Limits").
MAX_TABLE_COLUMNS = 20
"""Columns of a table: more cannot be read on an A4 page, even in landscape."""
MAX_LIST_NUMBER = 999
"""Highest number of a numbered list item."""
MAX_LETTER_NUMBER = 26
"""Highest item of a list numbered with letters (Word and the PDF agree up to z)."""
MAX_SECTION_DEPTH = 6
"""Levels of sections inside sections."""
MAX_LIST_DEPTH = 5
"""Levels of lists inside list items."""


def _single_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("expected a single line of text, found several lines")
    return value


def _not_a_list(value: Any) -> Any:
    # Said plainly, instead of pydantic's 'Input should be a valid string'.
    if isinstance(value, list):
        raise ValueError("expected a single line of text, found a list (write one line, or quote the text)")
    return value


Line = Annotated[str, BeforeValidator(_not_a_list), StringConstraints(min_length=1), AfterValidator(_single_line)]
"""One line of text: a name, title or label (a list or several lines is an error)."""


Wording = Union[Line, dict[str, Line]]
"""A phrase as printed, or one per language ({en: Executive Secretary, es: Secretario Ejecutivo})."""


def _time_from_yaml(value: Any) -> Any:
    # YAML 1.1 reads 9:30 as the sexagesimal integer 570; give the user back the time they wrote.
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
Time = Annotated[
    str,
    BeforeValidator(_time_from_yaml),
    StringConstraints(pattern=TIME_PATTERN),
    WithJsonSchema({"type": "string", "pattern": TIME_PATTERN}),  # the constraint pydantic drops after a BeforeValidator
]

def check_span(start: Any, end: Any) -> None:
    """A span of days (a meeting, a segment): its end, if given, is not before its start."""
    if end is not None and end < start:
        raise ValueError(f"end date {end} is before start date {start}")


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


ListStyle = Literal["(i)", "(a)", "a)", "a.", "i)", "1.", "(1)", "1)", "-", "none"]
"""Numbering style of a list: (i) roman, (a)/a)/a. letters, 1./(1)/1) arabic, - bullets, none."""


class Strict(BaseModel):
    # defer_build: the validators are built on first use, not at import (78 ms that `list` and a
    # build with nothing to do would otherwise pay). The fields' docstrings are read from the source
    # only by the JSON Schema export (schema_export.field_docstrings), not at every import (50 ms).
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=False, str_strip_whitespace=False, defer_build=True)

    # Set once by model.resolve(): the record an id field of this one refers to, so templates
    # never look ids up themselves. Not part of the YAML.
    _ref: Any = PrivateAttr(default=None)

    @property
    def ref(self) -> Any:
        """The resolved record this one refers to (person, organisation, session, themes)."""
        return self._ref

