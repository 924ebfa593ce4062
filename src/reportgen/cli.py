"""Command line: thin click commands; the work is done in the modules they import lazily."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import click

from . import __version__

log = logging.getLogger(__name__)


def _project(ctx: click.Context):  # -> Project; imported lazily to keep --help fast
    from .project import Project

    return Project(ctx.obj["project_dir"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default="current folder",
    help="Project folder holding content/, templates/ and output/.",
)
@click.option("-v", "--verbose", is_flag=True, help="Say what is being done.")
@click.pass_context
def main(ctx: click.Context, project_dir: Path, verbose: bool) -> None:
    """Turn meeting records in content/ into UN-style documents in output/."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    ctx.obj = {"project_dir": project_dir}


@main.command()
@click.argument("meeting")
@click.option("--pdf", "formats", flag_value="pdf", multiple=True, help="Write PDF.")
@click.option("--docx", "formats", flag_value="docx", multiple=True, help="Write DOCX (Word).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Report kind (repeatable); default: every kind.")
@click.option("--lang", metavar="CODE", help="Language of the furniture words; default: the document's language.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write under DIR instead of output/.")
@click.option("--draft", is_flag=True, help="Mark every page DRAFT.")
@click.option("--pdf-standard", type=click.Choice(["ua-1", "a-2u", "a-3u", "a-3a"]), default="ua-1", show_default=True,
              help="PDF standard: tagged PDF/UA-1, or with it an archival PDF/A level.")
@click.pass_context
def build(ctx: click.Context, meeting: str, formats: tuple[str, ...], kinds: tuple[str, ...], lang: str | None,
          out_dir: Path | None, draft: bool, pdf_standard: str) -> None:
    """Build the documents of MEETING (both formats unless --pdf or --docx is given)."""
    from .build import BuildOptions, build_meeting

    options = BuildOptions(formats=formats or ("pdf", "docx"), kinds=kinds, language=lang, out_dir=out_dir, draft=draft,
                           pdf_standard=pdf_standard)
    for path in build_meeting(_project(ctx), meeting, options):
        click.echo(path)


@main.command()
@click.argument("meetings", nargs=-1)
@click.option("--theme", "themes", multiple=True, metavar="THEME", help="Keep only this theme (repeatable); ids from content/themes.yaml.")
@click.option("--country", metavar="COUNTRY", help="A country view instead: its roles and the items that name it.")
@click.option("--brief", "brief_name", metavar="NAME", help="Build the saved brief content/briefs/NAME.yaml.")
@click.option("--name", metavar="NAME", help="File name of the brief (default: from the meetings, or the saved brief's name).")
@click.option("--date", "brief_date", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date printed on the brief (default: today).")
@click.option("--pdf", "formats", flag_value="pdf", multiple=True, help="Write PDF.")
@click.option("--docx", "formats", flag_value="docx", multiple=True, help="Write DOCX (Word).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write under DIR/compare/ instead of output/compare/.")
@click.pass_context
def compare(ctx: click.Context, meetings: tuple[str, ...], themes: tuple[str, ...], country: str | None, brief_name: str | None,
            name: str | None, brief_date: datetime | None, formats: tuple[str, ...], out_dir: Path | None) -> None:
    """Compare MEETINGS side by side by theme (or for one --country) in output/compare/NAME.pdf/.docx."""
    from .compare import BriefRequest, build_brief, saved_request
    from .errors import UsageProblem

    project = _project(ctx)
    day = brief_date.date() if brief_date else None
    if brief_name:
        if meetings or themes or country:
            raise UsageProblem("--brief takes the meetings, themes and country from the saved brief; give none of them")
        request = saved_request(project, brief_name, name=name, date=day, formats=formats or None, out_dir=out_dir)
    else:
        request = BriefRequest(meetings, themes, country, name=name, date=day, formats=formats or ("pdf", "docx"), out_dir=out_dir)
    for path in build_brief(project, request):
        click.echo(path)


@main.command()
@click.argument("meeting")
@click.option("--from", "from_ref", required=True, metavar="REF", help="Earlier version: a git revision of the project (tag, HEAD~2) or another project folder.")
@click.option("--to", "to_ref", metavar="REF", help="Later version (default: the files as they are now).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Report kind (repeatable); default: every kind.")
@click.option("--pdf", "formats", flag_value="pdf", multiple=True, help="Write PDF.")
@click.option("--docx", "formats", flag_value="docx", multiple=True, help="Write DOCX (Word) with tracked changes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write under DIR instead of output/.")
@click.option("--author", metavar="NAME", help="Author of the changes (default: git's user.name).")
@click.option("--revision", type=int, metavar="N", help="Print the symbol as a UN revision, SYMBOL/Rev.N.")
@click.pass_context
def redline(ctx: click.Context, meeting: str, from_ref: str, to_ref: str | None, kinds: tuple[str, ...], formats: tuple[str, ...],
            out_dir: Path | None, author: str | None, revision: int | None) -> None:
    """Show what changed in MEETING since --from: output/<id>/<id>-<kind>-redline.pdf/.docx."""
    from .redline import RedlineOptions, build_redline

    options = RedlineOptions(from_ref, to_ref, kinds, formats or ("pdf", "docx"), out_dir, author, revision)
    for path in build_redline(_project(ctx), meeting, options):
        click.echo(path)


@main.command()
@click.argument("meetings", nargs=-1)
@click.pass_context
def validate(ctx: click.Context, meetings: tuple[str, ...]) -> None:
    """Check MEETINGS (default: all) against the schema and each other; build nothing."""
    from .model import load_meetings

    loaded = load_meetings(_project(ctx), meetings or None)
    click.echo(f"{len(loaded)} meeting{'s' if len(loaded) != 1 else ''} valid: {', '.join(loaded)}")


@main.command(name="list")
@click.pass_context
def list_meetings(ctx: click.Context) -> None:
    """List the meetings in content/ with their titles, places and dates."""
    from .build import meeting_listing

    for line in meeting_listing(_project(ctx)):
        click.echo(line)


@main.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of standard output.")
@click.option("--markdown", is_flag=True, help="Print the field reference of docs/content.md instead.")
def schema(output: Path | None, markdown: bool) -> None:
    """Print the JSON Schema (draft-07) of meeting.yaml, for editors' completion and checking."""
    from .schema_docs import field_reference
    from .schema_export import meeting_json_schema

    text = field_reference() if markdown else meeting_json_schema()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text)
