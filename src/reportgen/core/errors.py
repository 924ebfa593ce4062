"""User-facing errors: every problem found in content is collected, then reported at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of the user's content."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ContentError(click.ClickException):
    """Invalid content: one line per problem, then a summary line. Exit code 1."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        files = len({p.file for p in self.problems})
        summary = f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}; nothing was built."
        super().__init__("\n".join([*(str(p) for p in self.problems), summary]))

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        # ClickException prefixes "Error: "; a list of located problems reads better without it.
        click.echo(self.format_message(), err=True, file=file)


class UsageProblem(click.UsageError):
    """Wrong usage: unknown meeting, kind or option value. Exit code 2."""


class TemplateProblem(click.ClickException):
    """A template renders HTML outside the contract both writers understand, or fails to render."""

    exit_code = 1


class OutputProblem(click.ClickException):
    """The output folder cannot be written (permissions, a file where a folder should be, disk full)."""

    exit_code = 1


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or '' if none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
