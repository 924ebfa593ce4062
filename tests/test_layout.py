"""The package layout shows the data flow: stages as subpackages, imports only looking down, no cycles.

`lint-imports` (the layers contract in pyproject.toml) runs in the README's test command; these tests
check what a layers contract does not: cycles inside a stage, the size of modules and the job each
subpackage states.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (pip install -e '.[test]')")

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reportgen"
STAGES = ("core", "style", "content", "render", "writers", "briefs", "redline", "build", "serve", "cli")
MAX_LINES = 450  # "about 400": a module past this should be split by job


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    imports = grimp.build_graph("reportgen")
    graph = {m: set(imports.find_modules_directly_imported_by(m)) for m in imports.modules}
    # A package's __init__ is imported by every module in it; only imports between modules count.
    graph = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_layers_contract_holds() -> None:
    result = subprocess.run(["lint-imports", "--no-cache"], cwd=PACKAGE.parents[1], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "1 kept, 0 broken" in result.stdout


def test_every_stage_says_its_job_and_what_it_may_import() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import:" in doc, f"{stage}/__init__.py: no job or import rule"
    assert sorted(p.name for p in PACKAGE.iterdir() if p.suffix == ".py") == ["__init__.py", "__main__.py"]


def test_modules_stay_small() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_architecture_doc_names_every_module_under_its_folder() -> None:
    """docs/architecture.md's module table follows the folders: a module it does not name is a
    module a newcomer cannot place."""
    rows: dict[str, str] = {}
    folder = None
    for line in (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| **") and line.split("**")[1].endswith("/"):
            folder = line.split("**")[1].rstrip("/")
            rows[folder] = ""
        elif folder and line.startswith("|"):
            rows[folder] += line + "\n"
        else:
            folder = None
    missing = [f"{stage}/{path.relative_to(PACKAGE / stage).as_posix()}"
               for stage in STAGES for path in sorted((PACKAGE / stage).rglob("*.py"))
               if path.name != "__init__.py" and "schema" not in path.parts
               and f"`{path.name}`" not in rows.get(stage, "") and f"`{path.relative_to(PACKAGE / stage).as_posix()}`" not in rows.get(stage, "")]
    assert missing == []
