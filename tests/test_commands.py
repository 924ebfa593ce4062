"""Every command's errors are one line with exit code 1 or 2, never a traceback (issue 16): control
characters in every text option and argument, and outputs that cannot be written."""

from __future__ import annotations

import socket
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reportgen.cli import TEXT, main
from reportgen.core.project import Project

from .conftest import REPO

# The smallest valid call of each command (a test below fails when a command is added without one).
BASE = {
    "build": ["gfmd2010", "--docx", "--kind", "chair-summary"],
    "compare": ["gfmd2010", "gfmd2011", "--docx"],
    "house": ["un"],
    "list": [],
    "new": ["abc"],
    "redline": ["gfmd2010", "--from", str(REPO), "--docx", "--kind", "chair-summary"],
    "schema": [],
    "serve": ["gfmd2010"],
    "translate export": ["gfmd2014-rt3", "--lang", "fr"],
    "translate import": ["gfmd2014-rt3-fr.xlf"],
    "validate": [],
}
BAD = "A\x07\nB"


def commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    """Every command by the words that call it, a group's commands included ('translate export')."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, f"{prefix}{name} "))
        else:
            found[prefix + name] = command
    return found


def text_params() -> list[tuple[str, str]]:
    """(command, parameter) for every parameter that takes text."""
    return [(name, param.name) for name, command in sorted(commands().items()) for param in command.params
            if param.type is TEXT]


def test_every_command_has_a_base_call() -> None:
    assert sorted(commands()) == sorted(BASE)
    names = {(c, p) for c, p in text_params()}
    assert {("build", "kinds"), ("compare", "audience"), ("redline", "author"), ("new", "house"), ("serve", "meeting")} <= names


@pytest.mark.parametrize(("command", "param"), text_params())
def test_control_characters_in_every_text_option(command: str, param: str, tmp_project: Project, runner: CliRunner) -> None:
    target = next(p for p in commands()[command].params if p.name == param)
    args = list(BASE[command])
    if isinstance(target, click.Argument):
        if target.nargs == 1 and args and not args[0].startswith("-"):
            args[0] = BAD
        else:
            args.insert(0, BAD)
    else:
        args += [target.opts[0], BAD]
    result = runner.invoke(main, ["--project", str(tmp_project.root), *command.split(), *args, *(["--out", str(tmp_project.root / "out")]
                                                                                       if command in {"build", "compare", "redline"} else [])])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1].startswith("Error: Invalid value for '") and result.output.splitlines()[-1].endswith(
        "': character U+0007 at position 2 is a control character or line break; give one line of text"), result.output
    assert "Traceback" not in result.output
    assert not (tmp_project.root / "out").exists() and not (tmp_project.root / "output").exists()


@pytest.mark.parametrize("command", ["build", "compare", "redline", "schema", "new"])
def test_unwritable_outputs_are_one_line(command: str, tmp_project: Project, runner: CliRunner) -> None:
    blocker = tmp_project.root / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    unwritable = blocker / "sub"
    if command == "schema":
        args, expected = ["-o", str(unwritable / "meeting.schema.json")], f"Error: cannot write {unwritable / 'meeting.schema.json'}: "
    elif command == "new":
        (tmp_project.content_dir / "abc").write_text("a file where the meeting folder would go", encoding="utf-8")
        args, expected = BASE["new"], "Error: cannot write content/abc/meeting.yaml: "
    else:
        args, expected = [*BASE[command], "--out", str(unwritable)], f"Error: cannot write {unwritable}/"
    result = runner.invoke(main, ["--project", str(tmp_project.root), command, *args])
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1 and result.output.startswith(expected), result.output


def test_build_all_into_an_unwritable_folder_says_so_per_build(tmp_project: Project, runner: CliRunner) -> None:
    (tmp_project.root / "a-file").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "--all", "--docx", "--kind", "chair-summary", "-q",
                                  "--out", str(tmp_project.root / "a-file" / "sub")])
    assert result.exit_code == 1 and "Traceback" not in result.output and "unexpectedly" not in result.output
    assert result.output.splitlines()[-1] == "Error: 7 of 7 build(s) failed (0 built); see above"  # 5 meetings, 2 saved briefs


def test_serve_on_a_port_in_use(tmp_project: Project, runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["--project", str(tmp_project.root), "serve", "gfmd2010", "--port", str(port)])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_a_word_too_long_to_lay_out_is_refused_in_options_and_saved_briefs(tmp_project: Project, runner: CliRunner) -> None:
    word = "w" * 10_001
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "gfmd2010", "gfmd2011", "--audience", f"For {word}"])
    assert result.exit_code == 2 and result.output.splitlines()[-1] == (
        "Error: Invalid value for '--audience': a word of 10,001 characters without a space at position 5; a word may have at most "
        "10,000 (add spaces, or shorten the web address)")
    brief = tmp_project.content_dir / "briefs" / "remittances.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("title: Remittances", f"title: {word} Remittances"), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "remittances"])
    assert result.exit_code == 1 and result.output.splitlines() == [
        "content/briefs/remittances.yaml:4:8: title: a word of 10,001 characters without a space at position 1; a word may have at most "
        "10,000 (add spaces, or shorten the web address)", "1 problem in 1 file; nothing was built."]
