"""Parameter types and callbacks every command shares: one-line text options, the project folder,
--shard and --scheduler, and the command group that turns an unforeseen file-system failure into one
line."""

from __future__ import annotations

import errno
import re

import click


# Anything given on the command line ends up in a document, a file name or a message: one line of
# characters both writers can carry (no control characters, line breaks, lone surrogates).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _OneLine(click.ParamType):
    name = "text"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        bad = _NOT_ONE_LINE.search(value) if isinstance(value, str) else None
        if bad:
            self.fail(f"character U+{ord(bad.group()):04X} at position {bad.start() + 1} is a control character or line break; "
                      "give one line of text", param, ctx)
        if isinstance(value, str) and len(value) > 10_000:
            from ..content.printable import long_word_problem

            too_long = long_word_problem(value)
            if too_long:
                self.fail(too_long, param, ctx)
        return value


TEXT = _OneLine()


class Commands(click.Group):
    """The command group; a file-system failure no command foresaw is still one line, not a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `reportgen list | head`: click ends quietly
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


def project_of(ctx: click.Context):  # -> Project; imported lazily to keep --help fast
    from ..core.project import Project

    return Project(ctx.obj["project_dir"])


def parse_shard(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    """--shard K/N, with 1 <= K <= N."""
    if value is None:
        return None
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise click.BadParameter(f"'{value}' is not K/N with 1 <= K <= N (e.g. 2/4)")
    return int(k), int(n)


def parse_scheduler(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--scheduler tcp://HOST:PORT (or tls://, or HOST:PORT)."""
    import re

    if value is not None and not re.fullmatch(r"((tcp|tls|ws|wss)://)?[^\s/:]+(:\d+)", value):
        raise click.BadParameter(f"'{value}' is not a Dask scheduler address such as tcp://HOST:8786")
    return value
