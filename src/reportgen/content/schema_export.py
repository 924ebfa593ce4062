"""Export the content schema as JSON Schema for editors (YAML language servers).

Draft-07, the version the YAML language server (VS Code's YAML extension, and editors built on
it) understands: definitions under `definitions`, no `$defs`. The top level requires no key, so
the same schema serves meeting.yaml and the files it includes (people.yaml, annexes.yaml …);
`reportgen validate` still checks that the merged meeting has every required part."""

from __future__ import annotations

import ast
import functools
import inspect
import json
import sys
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from .schema import MeetingFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# A day as YYYY-MM-DD with a month 01-12 and a day 01-31, for checkers that leave `format` unchecked
# (draft-07 makes formats optional); with formats checked, "date" also rejects 2026-11-31.
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"


@functools.cache
def _module_classes(module_name: str) -> dict[str, dict[str, str]]:
    """Each class of a schema module with the docstring under each of its fields (`name: type`
    followed by a string), as pydantic's `use_attribute_docstrings` reads them."""
    tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            body, docs = node.body, found.setdefault(node.name, {})
            for field, after in zip(body, body[1:]):
                if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name) and isinstance(after, ast.Expr)
                        and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)):
                    docs[field.target.id] = inspect.cleandoc(after.value.value)
    return found


def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The docstring of every field of `model`, the class that declares it last speaking for it.
    Read here, for the JSON Schema and the field reference only: pydantic reading them for every
    class at import (`use_attribute_docstrings`) was a fifth of the schema's import in every build."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__.startswith(__package__ + ".schema"):
            own = _module_classes(cls.__module__).get(cls.__name__, {})
            docs.update({name: own[name] for name in cls.__annotations__ if name in own})
            docs.update({name: "" for name in cls.__annotations__ if name not in own})  # redeclared without one
    return {name: doc for name, doc in docs.items() if doc}


def _models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """`model` and every model its fields lead to, by name (the names of the schema's definitions)."""
    found: dict[str, type[BaseModel]] = {}
    todo = [model]
    while todo:
        cls = todo.pop()
        if cls.__name__ in found:
            continue
        found[cls.__name__] = cls
        for field in cls.model_fields.values():
            todo += [t for t in _types_in(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
    return found


def _types_in(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None) or ()
    metadata = getattr(annotation, "__metadata__", None)
    origin = getattr(annotation, "__origin__", None)
    return [annotation, *(t for a in args for t in _types_in(a)), *([] if metadata is None or origin is None else _types_in(origin))]


def _describe(record: dict[str, Any], model: type[BaseModel]) -> None:
    """Give each property of a model's schema its field's docstring (keys sorted, as pydantic sorts them)."""
    docs = field_docstrings(model)
    for name, prop in record.get("properties", {}).items():
        if name in docs and "description" not in prop:
            prop["description"] = docs[name]
            record["properties"][name] = dict(sorted(prop.items()))


def meeting_schema(languages: Iterable[str] = ()) -> dict[str, Any]:
    """The meeting file's JSON Schema (draft-07) as a dictionary; `languages`, those with a label
    catalogue, become the choices of document.language."""
    schema = MeetingFile.model_json_schema(ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    models = _models(MeetingFile)
    _describe(schema, MeetingFile)
    for name, record in schema["definitions"].items():
        if name in models:
            _describe(record, models[name])
    schema.pop("required", None)
    # Fields that take one line or a list of lines (a BeforeValidator pydantic cannot describe).
    subtitle = schema["definitions"].get("Document", {}).get("properties", {}).get("subtitle")
    if subtitle is not None and subtitle.get("type") == "array":
        subtitle["anyOf"] = [{"type": "string", "minLength": 1}, {"type": "array", "items": subtitle.pop("items")}]
        subtitle.pop("type")
    _date_patterns(schema)
    if languages:  # the project's label catalogues: the languages a document can be printed in
        document = schema["definitions"]["Document"]["properties"]
        document["language"]["enum"] = sorted(languages)
    return {"$schema": DRAFT_07, "title": "reportgen meeting.yaml", **schema}


def _date_patterns(node: Any) -> None:
    """Every day-date field (`format: date`) also gets DATE_PATTERN."""
    if isinstance(node, dict):
        if node.get("format") == "date" and node.get("type") == "string":
            node["pattern"] = DATE_PATTERN
        for value in node.values():
            _date_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _date_patterns(value)


def meeting_json_schema(languages: Iterable[str] = ()) -> str:
    return json.dumps(meeting_schema(languages), indent=2, ensure_ascii=False)
