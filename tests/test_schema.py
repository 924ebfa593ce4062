"""The JSON Schema `reportgen schema` writes, checked by validators that are not reportgen's:
jsonschema's draft-07 validator with its format checker, and check-jsonschema (the command
docs/content.md shows), over every content and example file; and the files of
tests/data/schema-invalid/, which both must reject, as `reportgen validate` does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import main

from .conftest import DATA, REPO

CONTENT_FILES = sorted(p for root in (REPO / "content", REPO / "examples" / "content") for p in root.glob("*/*.yaml")
                       if p.parent.name != "briefs")
INVALID = sorted((DATA / "schema-invalid").glob("*.yaml"))
CHECK_JSONSCHEMA = shutil.which("check-jsonschema")


class _StringDates(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay the text typed (YAML 1.2)."""


_StringDates.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                                        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "meeting.schema.json"
    result = CliRunner().invoke(main, ["--project", str(REPO), "schema", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith("}\n")
    return path


@pytest.fixture(scope="module")
def validator(schema_file: Path) -> jsonschema.Draft7Validator:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_every_content_and_example_file_is_valid(validator: jsonschema.Draft7Validator) -> None:
    assert len(CONTENT_FILES) >= 15
    for path in CONTENT_FILES:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDates)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, f"{path.relative_to(REPO)}: {errors[:3]}"


def expected_place(case: Path) -> str:
    return case.read_text(encoding="utf-8").splitlines()[0].removeprefix("# rejected at: ")


@pytest.mark.parametrize("case", INVALID, ids=[c.stem for c in INVALID])
def test_invalid_files_are_rejected_by_the_schema_and_by_validate(case: Path, validator: jsonschema.Draft7Validator,
                                                                  tmp_path: Path) -> None:
    data = yaml.load(case.read_text(encoding="utf-8"), Loader=_StringDates)
    places = {"/".join(map(str, e.absolute_path)) for e in validator.iter_errors(data)}
    assert places == {expected_place(case)}
    (tmp_path / "content" / "bad").mkdir(parents=True)
    shutil.copy(case, tmp_path / "content" / "bad" / "meeting.yaml")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "validate", "bad"])
    key_path = re.sub(r"/(\d+)", r"[\1]", expected_place(case)).replace("/", ".")
    assert result.exit_code == 1 and f": {key_path}: " in result.output, result.output


def test_schema_gives_dates_times_and_languages_their_form(validator: jsonschema.Draft7Validator) -> None:
    definitions = validator.schema["definitions"]
    assert definitions["Meeting"]["properties"]["start"]["format"] == "date"
    assert "pattern" in definitions["Meeting"]["properties"]["start"]
    assert definitions["Session"]["properties"]["start"]["anyOf"][0]["pattern"]
    assert definitions["Document"]["properties"]["language"]["enum"] == ["ar", "en", "es", "fr", "ru", "zh"]  # the project's catalogues
    assert not validator.is_valid({"meeting": {"title": "x", "short_title": "x", "venue": {"city": "x"}, "start": "2026-02-29"}})


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema not installed (pip install -e '.[test]')")
def test_check_jsonschema_accepts_the_content_and_rejects_the_invalid_files(schema_file: Path, tmp_path: Path) -> None:
    """The command of docs/content.md, as written there, then the invalid files."""
    docs = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    command = re.search(r"^(check-jsonschema --schemafile meeting\.schema\.json .+)$", docs, re.M)
    assert command, "docs/content.md shows no check-jsonschema command"
    project = tmp_path / "project"  # a project folder with the schema at its top, as the docs say
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(schema_file, project / "meeting.schema.json")
    result = subprocess.run(command.group(1), shell=True, cwd=project, capture_output=True, text=True)
    assert result.returncode == 0 and "ok -- validation done" in result.stdout, result.stdout + result.stderr
    files = [str(p.relative_to(REPO)) for p in CONTENT_FILES]
    result = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", str(schema_file), *files], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    result = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", str(schema_file), *map(str, INVALID)], capture_output=True, text=True)
    assert result.returncode == 1
    for case in INVALID:
        assert str(case) in result.stdout, f"{case.name} was accepted"


@pytest.mark.parametrize("house", ["eclac", "un", "oas", "plain"])
def test_the_starter_names_one_schema_file_and_ends_with_a_newline(house: str, tmp_path: Path,
                                                                   validator: jsonschema.Draft7Validator) -> None:
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "new", "x2026", "--house", house])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content" / "x2026" / "meeting.yaml").read_text(encoding="utf-8")
    modelines = [line for line in text.splitlines() if "yaml-language-server" in line]
    assert modelines == ["# yaml-language-server: $schema=../../meeting.schema.json"]
    assert "reportgen schema -o meeting.schema.json" in text  # the file the modeline names
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert validator.is_valid(yaml.load(text, Loader=_StringDates))
