"""Loading many meetings quickly without changing what is loaded (issue 22): the YAML loader with
either parser, the per-process memo of catalogues and house files, the model walk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from reportgen.content.model import load_meetings
from reportgen.content.traverse import walk
from reportgen.core import loader
from reportgen.core.project import Project
from reportgen.style.houses import load_house
from reportgen.style.labels import load_catalogue

from .conftest import DATA, REPO

YAML_FILES = sorted((REPO / "content").rglob("*.yaml")) + sorted(DATA.rglob("*.yaml")) + sorted((REPO / "templates").rglob("*.yaml"))


def _loaded(path: Path) -> tuple[Any, loader.Marks, list]:
    found = loader.load_yaml(path, path.relative_to(REPO).as_posix())
    return found.data, found.marks, found.problems


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML here was built without libyaml")
def test_the_pure_python_parser_loads_every_file_as_libyaml_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML has no libyaml the loader falls back to PyYAML's own parser: same data, same marks,
    same messages (file:line:col), the broken files of tests/data included."""
    with_libyaml = {path: _loaded(path) for path in YAML_FILES}
    monkeypatch.setattr(loader, "_PARSER", yaml.SafeLoader)
    broken = 0
    for path in YAML_FILES:
        data, marks, problems = _loaded(path)
        c_data, c_marks, c_problems = with_libyaml[path]
        assert data == c_data, path
        assert (marks.values, marks.keys, marks.hints) == (c_marks.values, c_marks.keys, c_marks.hints), path
        assert problems == c_problems, path
        broken += bool(problems)
    assert len(YAML_FILES) > 80 and broken >= 8  # the YAML slips, control characters, aliases, limits


def test_a_catalogue_or_house_file_edited_in_the_same_process_is_read_again(tmp_path: Path) -> None:
    """Catalogues and house.yaml are remembered per process by their bytes: an edit that keeps the
    size and the modification time (within one clock tick) is still seen, as `serve` needs."""
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    search_path = [tmp_path / "templates"]
    labels = tmp_path / "templates" / "labels" / "en.yaml"
    first, problems = load_catalogue("en", search_path)
    assert not problems
    again, _ = load_catalogue("en", search_path)
    assert again == first and again is not first  # a copy: a caller adding to it changes nothing remembered
    again["contents"] = "changed by a caller"
    assert load_catalogue("en", search_path)[0]["contents"] == first["contents"]

    stat = labels.stat()
    text = labels.read_text(encoding="utf-8")
    word = first["contents"]
    replacement = "X" * len(word.encode("utf-8"))
    labels.write_text(text.replace(f"contents: {word}", f"contents: {replacement}", 1), encoding="utf-8")
    os.utime(labels, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert labels.stat().st_size == stat.st_size
    assert load_catalogue("en", search_path)[0]["contents"] == replacement

    house = tmp_path / "templates" / "houses" / "un" / "house.yaml"
    assert load_house(search_path, "un").running_head == "outer"
    house.write_text(house.read_text(encoding="utf-8").replace("running_head: outer", "running_head: right"), encoding="utf-8")
    assert load_house(search_path, "un").running_head == "right"
    house.write_text("running_head: sideways\n", encoding="utf-8")
    with pytest.raises(Exception, match="running_head: expected one of"):
        load_house(search_path, "un")


def _recursive_walk(node: Any, path: tuple = ()) -> Any:
    """The walk as it was written first (nested generators): the order the checks rely on."""
    yield path, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _recursive_walk(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _recursive_walk(item, (*path, i))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _recursive_walk(item, (*path, key))


def test_the_walk_visits_every_value_parent_first_in_document_order(project: Project) -> None:
    for meeting in load_meetings(project).values():
        expected = [(path, id(node)) for path, node in _recursive_walk(meeting.doc)]
        assert [(path, id(node)) for path, node in walk(meeting.doc)] == expected
        assert len(expected) > 500


def test_every_field_of_the_exported_schema_keeps_its_docstring() -> None:
    """pydantic no longer reads the fields' docstrings at import (a fifth of the schema's import in
    every build); the JSON Schema export reads them from the source itself, for every field."""
    from reportgen.content.schema import Strict
    from reportgen.content.schema_export import field_docstrings, meeting_schema

    assert Strict.model_config.get("use_attribute_docstrings") is False
    schema = meeting_schema()
    records = {"MeetingFile": schema, **schema["definitions"]}
    properties = [(name, key, prop) for name, record in records.items() for key, prop in record.get("properties", {}).items()]
    assert len(properties) > 250
    assert [(name, key) for name, key, prop in properties if not prop.get("description")] == []
    assert schema["definitions"]["Person"]["properties"]["name"]["description"].startswith("Full name as printed")
    from reportgen.content.schema import Section
    assert field_docstrings(Section)["heading"] == "Heading text; a section without one continues the text of the previous one."
