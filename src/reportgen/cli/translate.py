"""`reportgen translate`: language editions exchanged with translators' CAT tools as XLIFF."""

from __future__ import annotations

from pathlib import Path

import click

from .options import TEXT, project_of


@click.group()
def translate() -> None:
    """Exchange a meeting's text with translators: XLIFF 1.2 files for CAT tools (eLUNa, Trados, memoQ)."""


@translate.command("export")
@click.argument("meeting", type=TEXT)
@click.option("--lang", type=TEXT, required=True, metavar="CODE", help="Language to translate into (the edition's language).")
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False, path_type=Path), help="Default: output/MEETING/MEETING-CODE.xlf.")
@click.pass_context
def translate_export(ctx: click.Context, meeting: str, lang: str, target: Path | None) -> None:
    """Write the XLIFF file of MEETING's CODE edition: one unit per text field (its key path as the
    unit id), inline Markdown and footnote references as protected codes, translations made so far."""
    from ..content.xliff import write_export
    click.echo(write_export(project_of(ctx), meeting, lang, target))


@translate.command("import")
@click.argument("xliff_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def translate_import(ctx: click.Context, xliff_file: Path) -> None:
    """Write the translations of XLIFF_FILE into its meeting's content/<id>/translations/<lang>.yaml.
    Units whose original text changed since the export are refused and listed."""
    from ..content.xliff import import_file, refused_error
    project = project_of(ctx)
    done = import_file(project, xliff_file, str(xliff_file))
    click.echo(f"{project.display(done.path)}: {done.written} translation(s) imported")
    if done.refused:
        raise refused_error(done)
