"""Command line: thin click commands; the work is done in the modules they import lazily (WeasyPrint,
pydantic and Jinja are slow to import, and `--help` should answer at once).

May import: every stage (the top layer)."""

from __future__ import annotations

import contextlib
import logging
import sys
from datetime import datetime
from pathlib import Path

import click

from .. import __version__
from .options import TEXT, Commands, parse_scheduler, parse_shard, project_of
from .translate import translate

log = logging.getLogger(__name__)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
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


# `translate` is a group of its own (cli/translate.py).
main.add_command(translate)


@main.command()
@click.argument("meeting", required=False, type=TEXT)
@click.option("--all", "build_all", is_flag=True, help="Build every meeting and every saved brief (content/briefs/*.yaml).")
@click.option("--pdf", "formats", flag_value="pdf", multiple=True, help="Write PDF.")
@click.option("--docx", "formats", flag_value="docx", multiple=True, help="Write DOCX (Word).")
@click.option("--kind", "kinds", type=TEXT, multiple=True, metavar="KIND", help="Report kind (repeatable); default: every kind.")
@click.option("--lang", type=TEXT, metavar="CODE", help="Build the CODE edition (content/<id>/translations/CODE.yaml) as <id>-<kind>-CODE.*.")
@click.option("--allow-untranslated", is_flag=True, help="Build an incomplete edition: the original text, marked, where a translation lacks.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write under DIR instead of output/.")
@click.option("--draft", is_flag=True, help="Mark every page DRAFT.")
@click.option("--pdf-standard", type=click.Choice(["ua-1", "a-2u", "a-3u", "a-3a"]), default="ua-1", show_default=True,
              help="PDF standard: tagged PDF/UA-1, or with it an archival PDF/A level.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: the number of CPUs).")
@click.option("--shard", type=TEXT, metavar="K/N", callback=parse_shard, help="With --all: build only the K-th of N stable shards (a CI matrix of N jobs).")
@click.option("--scheduler", type=TEXT, metavar="ADDRESS", callback=parse_scheduler, help="With --all: build on a Dask cluster (tcp://HOST:8786); needs reportgen[distributed].")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.pass_context
def build(ctx: click.Context, meeting: str | None, build_all: bool, formats: tuple[str, ...], kinds: tuple[str, ...],
          lang: str | None, allow_untranslated: bool, out_dir: Path | None, draft: bool, pdf_standard: str, jobs: int | None,
          shard: tuple[int, int] | None, scheduler: str | None, force: bool, quiet: bool) -> None:
    """Build the documents of MEETING, or of every meeting and brief with --all (both formats
    unless --pdf or --docx is given). Outputs whose inputs have not changed are kept."""
    from ..build.batch import Settings, brief_names, cpu_count, in_shard, plan, run
    from ..core.errors import UsageProblem, did_you_mean
    from ..build.incremental import report_kinds
    from ..style.search_path import template_search_path

    project = project_of(ctx)
    if build_all == (meeting is not None):
        raise UsageProblem("give a MEETING or --all (not both)")
    if not build_all and (shard or scheduler):
        raise UsageProblem(f"{'--shard' if shard else '--scheduler'} goes with --all")
    if scheduler and jobs:
        raise UsageProblem("give -j (processes on this machine) or --scheduler (a Dask cluster), not both")
    if scheduler:  # workers elsewhere: every path they are sent must be absolute
        project, out_dir = type(project)(project.root.resolve()), out_dir.resolve() if out_dir else None
    if meeting is not None and meeting not in project.meeting_ids():
        from ..content.model import load_meetings

        load_meetings(project, [meeting])  # raises the error naming the meetings there are
    available = report_kinds(template_search_path(project))
    for kind in kinds:
        if kind not in available:
            raise UsageProblem(f"unknown report kind '{kind}'{did_you_mean(kind, available)} (available: {', '.join(available)})")
    settings = Settings(formats=formats or ("pdf", "docx"), kinds=kinds, language=lang, draft=draft, out_dir=out_dir,
                        pdf_standard=pdf_standard, allow_untranslated=allow_untranslated)
    meetings = project.meeting_ids() if build_all else [meeting]
    briefs = brief_names(project) if build_all else []
    if shard:
        meetings = [m for m in meetings if in_shard("meeting", m, shard)]
        briefs = [b for b in briefs if in_shard("brief", b, shard)]
        if not (meetings or briefs) and not quiet:
            click.echo(f"shard {shard[0]}/{shard[1]}: no meeting or brief falls in this shard")
    planned = plan(project, settings, meetings, briefs, force=force)
    todo = [job for job in planned if job.stale]
    if not quiet:
        for job in planned:
            if not job.stale:
                click.echo(f"{job.label}: up to date")
    with _progress(len(todo), quiet) as advance:
        if scheduler:
            outcomes = _on_cluster(project, settings, todo, scheduler, advance)
        else:
            outcomes = run(project, settings, todo, jobs or cpu_count(), on_done=advance)
    failed = [o for o in outcomes if o.error]
    if meeting is not None and failed and failed[0].exc is not None:
        raise failed[0].exc  # one meeting: its own error, exit code and all
    if not quiet:
        for outcome in outcomes:
            for path in outcome.written:
                click.echo(path)
    misnamed = _misnamed(project) if build_all else []
    for problem in misnamed:  # found, not built: a folder or file name no output can carry
        click.echo(f"{problem} (not built)", err=True)
    if failed or misnamed:
        for outcome in failed:
            click.echo(f"{outcome.job.label}: failed:\n{outcome.error}", err=True)
        built = len(outcomes) - len(failed)
        raise click.ClickException(f"{len(failed) + len(misnamed)} of {len(outcomes) + len(misnamed)} build(s) failed ({built} built); see above")


def _on_cluster(project, settings, todo, scheduler, advance):  # type: ignore[no-untyped-def]
    """build --all --scheduler: Dask is an optional extra, imported only here."""
    from ..core.errors import UsageProblem

    try:
        from ..build.cluster import run_on_cluster
    except ImportError as exc:
        if exc.name is None or not exc.name.startswith(("distributed", "dask")):
            raise
        raise UsageProblem("--scheduler needs Dask: pip install 'reportgen[distributed]'") from None
    return run_on_cluster(project, settings, todo, scheduler, on_done=advance)


@contextlib.contextmanager
def _progress(total: int, quiet: bool):  # -> Iterator[Callable[[Outcome], None]]
    """A progress bar of documents done and the last one finished, on a terminal only."""
    if quiet or total < 2 or not sys.stdout.isatty():
        yield lambda outcome: None
        return
    with click.progressbar(length=total, label="Building", show_pos=True,
                           item_show_func=lambda label: label) as bar:
        def advance(outcome) -> None:  # type: ignore[no-untyped-def]
            bar.update(1, outcome.job.label)

        yield advance


@main.command()
@click.argument("meetings", nargs=-1, type=TEXT)
@click.option("--theme", "themes", type=TEXT, multiple=True, metavar="THEME", help="Keep only this theme (repeatable); ids from content/themes.yaml.")
@click.option("--country", type=TEXT, metavar="COUNTRY", help="A country view instead: its roles and the items that name it.")
@click.option("--brief", "brief_name", type=TEXT, metavar="NAME", help="Build the saved brief content/briefs/NAME.yaml.")
@click.option("--name", type=TEXT, metavar="NAME", help="File name of the brief (default: from the meetings, or the saved brief's name).")
@click.option("--audience", type=TEXT, metavar="TEXT", help="Who the brief is for, printed on page 1 (default: the saved brief's).")
@click.option("--lang", type=TEXT, metavar="CODE", default=None, help="Language of the furniture words and key points (default: en).")
@click.option("--full", is_flag=True, help="Add the full texts of the items as an annex the references point into.")
@click.option("--date", "brief_date", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date printed on the brief (default: today).")
@click.option("--pdf", "formats", flag_value="pdf", multiple=True, help="Write PDF.")
@click.option("--docx", "formats", flag_value="docx", multiple=True, help="Write DOCX (Word).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write under DIR/compare/ instead of output/compare/.")
@click.option("--suggest", is_flag=True, help="Instead of building: propose points (similar items of different meetings) in content/briefs/NAME.yaml.")
@click.pass_context
def compare(ctx: click.Context, meetings: tuple[str, ...], themes: tuple[str, ...], country: str | None, brief_name: str | None,
            name: str | None, audience: str | None, lang: str | None, full: bool, brief_date: datetime | None,
            formats: tuple[str, ...], out_dir: Path | None, suggest: bool) -> None:
    """A briefing note on what MEETINGS concluded, by theme (or for one --country): output/compare/NAME.pdf/.docx."""
    from ..briefs.compare import BriefRequest, build_brief, saved_request, suggest_points
    from ..core.errors import UsageProblem

    project = project_of(ctx)
    day = brief_date.date() if brief_date else None
    if brief_name:
        if meetings or themes or country:
            raise UsageProblem("--brief takes the meetings, themes and country from the saved brief; give none of them")
        request = saved_request(project, brief_name, name=name, date=day, formats=formats or None, out_dir=out_dir,
                                audience=audience, language=lang, full=full)
    else:
        request = BriefRequest(meetings, themes, country, name=name, audience=audience, date=day, formats=formats or ("pdf", "docx"),
                               out_dir=out_dir, language=lang or "en", full=full)
    if suggest:
        path, count = suggest_points(project, request, brief_name)
        click.echo(f"{project.display(path)}: {count} suggested point{'s' if count != 1 else ''} under suggested:; "
                   "edit those you keep and move them under points: to print them")
        return
    for path in build_brief(project, request):
        click.echo(path)


@main.command()
@click.argument("meeting", type=TEXT)
@click.option("--house", type=TEXT, default="eclac", show_default=True, metavar="HOUSE", help="House style: eclac, un, oas, plain or a project's own.")
@click.pass_context
def new(ctx: click.Context, meeting: str, house: str) -> None:
    """Write a commented starter content/MEETING/meeting.yaml that validates and builds."""
    from ..content.starter import write_starter

    project = project_of(ctx)
    path = write_starter(project, meeting, house)
    click.echo(f"{project.display(path)}  (edit it, then: reportgen build {meeting})")


@main.command()
@click.argument("name", type=TEXT)
@click.option("--reference", is_flag=True, help="Write templates/houses/NAME/reference.docx, the house's Word styles, from its house.yaml.")
@click.pass_context
def house(ctx: click.Context, name: str, reference: bool) -> None:
    """Show house style NAME: what it extends, its defaults and the file used for each part."""
    from ..style.house_info import describe_house
    from ..style.search_path import template_search_path
    from ..writers.house_reference import write_house_reference

    project = project_of(ctx)
    base_dirs = template_search_path(project)
    for line in describe_house(base_dirs, name, project.root):
        click.echo(line)
    if reference:
        target = write_house_reference(project.root / "templates", base_dirs, name)
        click.echo(f"wrote {project.display(target)}" if target else
                   f"{name} sets no word_styles, page_margins or contents measures in house.yaml: the shared reference.docx serves it")


@main.command()
@click.argument("meeting", type=TEXT)
@click.option("--from", "from_ref", type=TEXT, required=True, metavar="REF", help="Earlier version: a git revision of the project (tag, HEAD~2) or another project folder.")
@click.option("--to", "to_ref", type=TEXT, metavar="REF", help="Later version (default: the files as they are now).")
@click.option("--kind", "kinds", type=TEXT, multiple=True, metavar="KIND", help="Report kind (repeatable); default: every kind.")
@click.option("--pdf", "formats", flag_value="pdf", multiple=True, help="Write PDF.")
@click.option("--docx", "formats", flag_value="docx", multiple=True, help="Write DOCX (Word) with tracked changes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write under DIR instead of output/.")
@click.option("--author", type=TEXT, metavar="NAME", help="Author of the changes (default: git's user.name).")
@click.option("--revision", type=int, metavar="N", help="Print the symbol as a UN revision, SYMBOL/Rev.N.")
@click.pass_context
def redline(ctx: click.Context, meeting: str, from_ref: str, to_ref: str | None, kinds: tuple[str, ...], formats: tuple[str, ...],
            out_dir: Path | None, author: str | None, revision: int | None) -> None:
    """Show what changed in MEETING since --from: output/<id>/<id>-<kind>-redline.pdf/.docx."""
    from ..redline.document import RedlineOptions, build_redline

    options = RedlineOptions(from_ref, to_ref, kinds, formats or ("pdf", "docx"), out_dir, author, revision)
    for path in build_redline(project_of(ctx), meeting, options):
        click.echo(path)


@main.command()
@click.argument("meetings", nargs=-1, type=TEXT)
@click.option("--gists", is_flag=True, help="Also list the items a brief or summary would shorten for lack of a gist:.")
@click.option("--lang", type=TEXT, metavar="CODE", help="Also list every text the CODE edition has not translated and every stale translation.")
@click.pass_context
def validate(ctx: click.Context, meetings: tuple[str, ...], gists: bool, lang: str | None) -> None:
    """Check MEETINGS (default: all) against the schema and each other; build nothing."""
    from ..content.modelcache import ModelCache
    from ..core.errors import ContentError

    project = project_of(ctx)
    if lang is not None:  # the editions' status instead: raises the list of what is left to translate
        from ..content.editions import check_editions
        return click.echo(check_editions(project, list(meetings or project.meeting_ids()), lang))
    wanted = list(meetings) or project.meeting_ids()
    misnamed = [] if meetings else _misnamed(project)
    cached = ModelCache(project).summaries(wanted) if wanted and set(wanted) <= set(project.meeting_ids()) else None
    if cached is not None:  # validated before and unchanged since
        valid = list(cached)
        warnings = [w for about in cached.values() for w in about.get("warnings", [])]
    else:
        from ..content.model import load_meetings

        try:
            loaded = load_meetings(project, meetings or None)
        except ContentError as exc:
            raise ContentError([*misnamed, *exc.problems]) from None
        valid = list(loaded)
        warnings = [w for m in loaded.values() for w in m.doc.warnings]
    if misnamed:
        raise ContentError(misnamed)
    click.echo(f"{len(valid)} meeting{'s' if len(valid) != 1 else ''} valid: {', '.join(valid)}")
    for line in warnings:
        click.echo(f"warning: {line}", err=True)
    if gists:
        from ..briefs.gists import missing_gists

        lines = missing_gists(project, valid)
        for line in lines:
            click.echo(line)
        click.echo(f"{len(lines)} item{'s' if len(lines) != 1 else ''} without a gist or summary: briefs and chair's summaries "
                   "would shorten them, print a fragment or leave them out.")


def _misnamed(project):  # -> list[Problem]: meeting folders and saved briefs named against the rule
    from ..core.errors import Problem
    from ..core.names import shown
    from ..core.project import BRIEFS_DIR, MEETING_FILE

    content = project.content_dir.name
    return ([Problem(f"{content}/{shown(name)}/{MEETING_FILE}", 1, 1, "", why) for name, why in project.misnamed_meetings().items()]
            + [Problem(f"{content}/{BRIEFS_DIR}/{shown(name)}.yaml", 1, 1, "", why) for name, why in project.misnamed_briefs().items()])


@main.command()
@click.argument("meeting", required=False, type=TEXT)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.option("--lang", type=TEXT, metavar="CODE", help="Preview the language edition CODE; default: the document's own language.")
@click.option("--allow-untranslated", is_flag=True, help="Show an incomplete edition, the original text marked where a translation is missing.")
@click.option("--draft", is_flag=True, help="Mark every page DRAFT.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.pass_context
def serve(ctx: click.Context, meeting: str | None, port: int, lang: str | None, allow_untranslated: bool, draft: bool, open_browser: bool) -> None:
    """Preview MEETING (default: the first) in a web browser; rebuild when a file is saved."""
    from ..build.batch import Settings
    from ..serve.server import serve as run_server

    project = project_of(ctx)
    if meeting is not None and meeting not in project.meeting_ids():
        from ..content.model import load_meetings

        load_meetings(project, [meeting])  # raises the error naming the meetings there are

    def ready(url: str) -> None:
        click.echo(f"Previewing on {url} (Ctrl+C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        run_server(project, meeting, Settings(language=lang, draft=draft, allow_untranslated=allow_untranslated), port, on_ready=ready)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise click.ClickException(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None


@main.command(name="list")
@click.pass_context
def list_meetings(ctx: click.Context) -> None:
    """List the meetings in content/ with their titles, places and dates."""
    from ..content.listing import meeting_listing

    for line in meeting_listing(project_of(ctx)):
        click.echo(line)


@main.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of standard output.")
@click.option("--markdown", is_flag=True, help="Print the field reference of docs/content.md instead.")
@click.pass_context
def schema(ctx: click.Context, output: Path | None, markdown: bool) -> None:
    """Print the JSON Schema (draft-07) of meeting.yaml, for editors' completion and checking."""
    from ..content.schema_docs import field_reference
    from ..content.schema_export import meeting_json_schema
    from ..style.labels import available_languages
    from ..style.search_path import template_search_path

    from ..core.atomic import atomic_target
    from ..core.errors import OutputProblem

    # document.language: the languages with a label catalogue in this project
    text = field_reference() if markdown else meeting_json_schema(available_languages(template_search_path(project_of(ctx))))
    if output:
        try:
            with atomic_target(output) as tmp:
                tmp.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise OutputProblem(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        click.echo(text)
