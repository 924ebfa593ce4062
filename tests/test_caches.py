"""The two caches hold data only and trust nothing they read (issue 16): the validated-model
cache (JSON in the user's cache folder) and the build stamps (output/.reportgen-cache/)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import __version__
from reportgen.cli import main
from reportgen.build.incremental import CACHE_DIR
from reportgen.content.modelcache import ModelCache, cache_folder, meeting_key
from reportgen.core.project import Project
from reportgen.content.validate import check_meeting, load_themes

from .conftest import REPO


class _Planted:
    """What a pickle planted in the cache would do if it were ever unpickled."""

    def __reduce__(self) -> tuple:
        return (os.system, ("touch /tmp/reportgen-i16-pickle-ran",))


@pytest.fixture()
def small_project(tmp_path: Path) -> Project:
    """gfmd2010 and gfmd2011 with the themes: enough for every cache entry kind, quick to build."""
    for meeting in ("gfmd2010", "gfmd2011"):
        shutil.copytree(REPO / "content" / meeting, tmp_path / "content" / meeting)
    shutil.copy(REPO / "content" / "themes.yaml", tmp_path / "content" / "themes.yaml")
    return Project(tmp_path)


@pytest.mark.parametrize("root", [REPO, REPO / "examples"], ids=["content", "examples"])
def test_cached_model_is_json_and_reads_back_as_validated(root: Path) -> None:
    project = Project(root)
    cache = ModelCache(project)
    themes, _ = cache.themes()
    assert themes == load_themes(project)[0]
    for meeting_id in project.meeting_ids():
        cache.meeting(meeting_id, lambda: themes)
        again, problems = ModelCache(project).meeting(meeting_id, lambda: themes)  # now from the cache
        assert problems == [] and again == check_meeting(project, meeting_id, themes)[0]
    files = sorted(p.name for p in cache_folder(project).iterdir())
    assert files and all(name.endswith(".json") for name in files), files
    entry = json.loads((cache_folder(project) / f"{meeting_key(project.meeting_ids()[0])}.json").read_text(encoding="utf-8"))
    assert entry["format"] == 2 and entry["version"] == __version__


DAMAGE = {
    "not JSON": b"\x80\x04 not json",
    "a list": b"[]",
    "nested without end": b"[" * 100_000,
    "another format": None,  # filled in from a real entry below
    "another version": None,
    "inputs of the wrong shape": None,
    "summary of the wrong shape": None,
}


def _damaged(entry: dict, case: str) -> bytes:
    data = DAMAGE[case]
    if data is not None:
        return data
    entry = dict(entry)
    if case == "another format":
        entry["format"] = 1
    elif case == "another version":
        entry["version"] = "0.0.1"
    elif case == "inputs of the wrong shape":
        entry["inputs"] = {path: [1] for path in entry["inputs"]}
    else:
        entry["summary"] = {"short_title": 3}
    return json.dumps(entry).encode()


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_model_cache_entry_is_discarded_and_rebuilt(case: str, small_project: Project, runner: CliRunner) -> None:
    args = ["--project", str(small_project.root)]
    assert runner.invoke(main, [*args, "validate"]).exit_code == 0
    path = cache_folder(small_project) / f"{meeting_key('gfmd2010')}.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_bytes(_damaged(entry, case))
    listed = runner.invoke(main, [*args, "list"])
    assert listed.exit_code == 0 and listed.output.startswith("gfmd2010  ") and "Traceback" not in listed.output
    assert json.loads(path.read_text(encoding="utf-8")) == entry  # validated again and written afresh


@pytest.mark.parametrize("model", ["[]", '{"format": 2, "version": "%s", "model": {"meeting": 5}}' % __version__,
                                   '{"format": 2, "version": "%s", "model": null}' % __version__])
def test_model_of_the_wrong_shape_is_validated_again(model: str, small_project: Project, runner: CliRunner, tmp_path: Path) -> None:
    args = ["--project", str(small_project.root)]
    assert runner.invoke(main, [*args, "validate"]).exit_code == 0
    (cache_folder(small_project) / f"{meeting_key('gfmd2011')}.model.json").write_text(model, encoding="utf-8")
    result = runner.invoke(main, [*args, "build", "gfmd2011", "--docx", "--kind", "chair-summary", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "gfmd2011" / "gfmd2011-chair-summary.docx").is_file()


def test_a_planted_pickle_is_never_loaded(small_project: Project, runner: CliRunner, tmp_path: Path) -> None:
    marker = Path("/tmp/reportgen-i16-pickle-ran")
    marker.unlink(missing_ok=True)
    args = ["--project", str(small_project.root)]
    assert runner.invoke(main, [*args, "validate"]).exit_code == 0
    folder = cache_folder(small_project)
    for name in ("gfmd2010.pickle", f"{meeting_key('gfmd2010')}.pickle", f"{meeting_key('gfmd2010')}.model.json"):
        (folder / name).write_bytes(pickle.dumps(_Planted()))
    result = runner.invoke(main, [*args, "build", "gfmd2010", "--docx", "--kind", "chair-summary", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert not marker.exists()


def test_a_meeting_folder_named_like_the_themes_entry(small_project: Project, runner: CliRunner) -> None:
    shutil.copytree(small_project.content_dir / "gfmd2010", small_project.content_dir / "themes")
    args = ["--project", str(small_project.root)]
    for _ in range(2):  # validated, then from the cache
        result = runner.invoke(main, [*args, "validate"])
        assert result.exit_code == 0 and result.output.startswith("3 meetings valid"), result.output


STAMPS = ["[]", '"stamp"', "{}", '{"inputs": 3}', '{"format": 2, "version": "%s", "options": {}, "inputs": {"x": [1]}, "output": [1, 2]}' % __version__,
          '{"format": 2, "version": "%s", "options": {}, "inputs": {}, "output": "x"}' % __version__, "[" * 100_000, "\x00\xff"]


def test_damaged_build_stamps_rebuild_without_a_traceback(small_project: Project, runner: CliRunner) -> None:
    args = ["--project", str(small_project.root), "build", "gfmd2010", "--docx", "--kind", "chair-summary"]
    assert runner.invoke(main, args).exit_code == 0
    stamp = small_project.output_dir / CACHE_DIR / "gfmd2010__gfmd2010-chair-summary.docx.json"
    assert json.loads(stamp.read_text(encoding="utf-8"))["format"] == 2
    assert "up to date" in runner.invoke(main, args).output
    for damaged in STAMPS:
        stamp.write_text(damaged, encoding="utf-8")
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and "up to date" not in result.output and "Traceback" not in result.output, (damaged, result.output)
        assert json.loads(stamp.read_text(encoding="utf-8"))["format"] == 2


def test_line_marks_survive_the_cache_and_bad_ones_are_discarded(small_project: Project, runner: CliRunner) -> None:
    cache = ModelCache(small_project)
    themes, _ = cache.themes()
    validated, _ = cache.meeting("gfmd2010", lambda: themes)
    cached, _ = ModelCache(small_project).meeting("gfmd2010", lambda: themes)
    assert cached._marks == validated._marks and cached._marks.locate(("meeting", "title")).line > 1
    path = cache_folder(small_project) / f"{meeting_key('gfmd2010')}.model.json"
    stored = json.loads(path.read_text(encoding="utf-8"))
    for bad in ({"values": "x"}, {"values": [[["meeting"], "f", "1", 1]], "keys": [], "hints": []}, [], None):
        path.write_text(json.dumps({**stored, "marks": bad}), encoding="utf-8")
        again, problems = ModelCache(small_project).meeting("gfmd2010", lambda: themes)  # validated again
        assert problems == [] and again._marks == validated._marks
        assert json.loads(path.read_text(encoding="utf-8"))["marks"] == stored["marks"]
