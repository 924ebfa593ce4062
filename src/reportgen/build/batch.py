"""Many documents at once: plan what is out of date, build it in worker processes, report.

`reportgen build --all` builds every meeting and every saved brief; `reportgen build MEETING`
is the same with one job. Planning reads only file signatures and the stamps of earlier builds
(incremental.py), so a build with nothing to do never imports the model, Jinja or WeasyPrint.
Each meeting builds independently of the others: an error in one is collected and the rest go
on. Workers write exactly what a serial build writes (the outputs depend only on their inputs).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .incremental import Stamps, Target, environment, output_inputs, report_kinds
from ..content.modelcache import content_inputs
from ..core.atomic import remove_stale_parts
from ..core.project import BRIEFS_DIR, Project, output_path
from ..style.search_path import template_search_path

log = logging.getLogger(__name__)

COMPARE_DIR = "compare"
BRIEF_KIND = "compare/brief"  # the brief's template, as output_inputs() names kinds


@dataclass(frozen=True)
class Settings:
    """The options of one `build` run that shape its outputs (besides the content)."""

    formats: tuple[str, ...] = ("pdf", "docx")
    kinds: tuple[str, ...] = ()
    language: str | None = None
    draft: bool = False
    out_dir: Path | None = None
    pdf_standard: str = "ua-1"  # a key of writers.pdf.PDF_STANDARDS
    brief_date: str | None = None  # ISO date printed on briefs; None: today
    allow_untranslated: bool = False  # a language edition may leave text untranslated (marked)

    def root(self, project: Project) -> Path:
        return self.out_dir if self.out_dir is not None else project.output_dir


@dataclass(frozen=True)
class Job:
    """One meeting or one saved brief, with the outputs it makes and which need building."""

    kind: str  # "meeting" or "brief"
    name: str
    targets: tuple[Target, ...]
    stale: tuple[Target, ...]

    @property
    def label(self) -> str:
        return self.name if self.kind == "meeting" else f"brief {self.name}"


@dataclass
class Outcome:
    job: Job
    written: list[Path] = field(default_factory=list)
    error: str | None = None
    exc: Exception | None = None  # in-process runs only: a single build re-raises it as it was


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- planning


def brief_names(project: Project) -> list[str]:
    """Saved briefs, found without loading them (briefs.brief_names would import the schema)."""
    return project.brief_names()


class Inputs:
    """What outputs depend on besides their content, worked out once per kind and format."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._known: dict[tuple[str, str], tuple[Path, ...]] = {}

    def __call__(self, kind: str, fmt: str) -> tuple[Path, ...]:
        if (kind, fmt) not in self._known:
            self._known[kind, fmt] = tuple(output_inputs(self.project, kind, fmt))
        return self._known[kind, fmt]


def _meeting_targets(project: Project, meeting_id: str, settings: Settings, common: Inputs) -> list[Target]:
    root = settings.root(project)
    kinds = settings.kinds or tuple(report_kinds(template_search_path(project)))
    content = tuple(content_inputs(project, meeting_id))
    return [
        Target(output_path(root, meeting_id, kind, fmt, settings.language), content + common(kind, fmt),
               {"kind": kind, "format": fmt, "language": settings.language, "draft": settings.draft,
                "allow_untranslated": settings.allow_untranslated,
                "draft_date": dt.date.today().isoformat() if settings.draft else None,  # the draft line prints it
                "pdf_standard": settings.pdf_standard if fmt == "pdf" else None, **environment(fmt)})
        for kind in kinds for fmt in settings.formats
    ]


def _brief_targets(project: Project, name: str, settings: Settings, stamps: Stamps, common: Inputs) -> list[Target]:
    """A brief depends on its file, the themes and every meeting it compared last time (which
    stays right while its file is unchanged: a changed file is itself a change)."""
    import datetime as dt

    root = settings.root(project)
    source = project.content_dir / BRIEFS_DIR / f"{name}.yaml"
    date = settings.brief_date or dt.date.today().isoformat()
    targets = []
    for fmt in settings.formats:
        output = root / COMPARE_DIR / f"{name}.{fmt}"
        compared = sorted({p.parent.name for p in stamps.recorded_inputs(output)
                           if p.parent.parent == project.content_dir and p.parent.name != BRIEFS_DIR})
        meetings = [f for m in compared if project.meeting_dir(m).is_dir() for f in content_inputs(project, m)]
        inputs = tuple(dict.fromkeys((source, project.themes_file, *meetings, *common(BRIEF_KIND, fmt))))
        targets.append(Target(output, inputs, {"brief": name, "format": fmt, "date": date, **environment(fmt, ("matplotlib",))}))
    return targets


def in_shard(kind: str, name: str, shard: tuple[int, int]) -> bool:
    """Whether a meeting or brief belongs to shard K of N (`build --all --shard K/N`). A job's
    shard follows from its own name alone, so it stays the same when other meetings are added
    or removed (a CI job's cached output folder stays warm), and N shards cover every job once."""
    k, n = shard
    digest = hashlib.sha256(f"{kind}/{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def plan(project: Project, settings: Settings, meetings: Sequence[str], briefs: Sequence[str], *,
         force: bool = False, stamps: Stamps | None = None) -> list[Job]:
    """The jobs for these meetings and briefs, each with the outputs that need building."""
    stamps = stamps or Stamps(settings.root(project), project.root)
    common = Inputs(project)
    jobs = []
    for meeting_id in meetings:
        targets = _meeting_targets(project, meeting_id, settings, common)
        jobs.append(Job("meeting", meeting_id, tuple(targets), tuple(t for t in targets if force or not stamps.up_to_date(t))))
    for name in briefs:
        targets = _brief_targets(project, name, settings, stamps, common)
        jobs.append(Job("brief", name, tuple(targets), tuple(t for t in targets if force or not stamps.up_to_date(t))))
    # A killed build's temporary files go even when nothing needs building (they would stay otherwise).
    for folder in sorted({t.output.parent for job in jobs for t in job.targets}):
        if folder.is_dir():
            remove_stale_parts(folder)
    return jobs


# --------------------------------------------------------------------------- running


def run_job(project: Project, settings: Settings, job: Job, alongside: Executor | None = None, prepared: Any = None) -> Outcome:
    """Build the stale outputs of one job and stamp them. Errors become the outcome's message."""
    import click

    outcome = Outcome(job)
    stamps = Stamps(settings.root(project), project.root)
    for target in job.stale:  # sign the inputs as they are now, before building
        stamps.up_to_date(target)
    targets = job.targets
    try:
        if job.kind == "meeting":
            outcome.written = _build_meeting(project, settings, job, alongside, prepared)
        else:
            outcome.written, read = _build_brief(project, settings, job)
            common = Inputs(project)
            targets = tuple(dataclasses.replace(t, inputs=tuple(dict.fromkeys((*read, *common(BRIEF_KIND, t.options["format"])))))
                            for t in targets)
    except click.ClickException as exc:
        outcome.error, outcome.exc = exc.format_message(), exc
        for target in job.stale:
            stamps.forget(target.output)
        return outcome
    if job.kind == "meeting":  # what validating it just found it reads (included files, logo, house)
        content = tuple(content_inputs(project, job.name))
        targets = tuple(dataclasses.replace(t, inputs=tuple(dict.fromkeys((*content, *t.inputs)))) for t in targets)
    written = set(outcome.written)
    for target in targets:
        if target.output in written:
            stamps.record(target)
    return outcome


def _build_meeting(project: Project, settings: Settings, job: Job, alongside: Executor | None, prepared: Any) -> list[Path]:
    from .meeting import BuildOptions, build_meeting

    kinds = tuple(dict.fromkeys(t.options["kind"] for t in job.stale))
    formats = tuple(f for f in settings.formats if any(t.options["format"] == f for t in job.stale))
    options = BuildOptions(formats=formats, kinds=kinds, language=settings.language, out_dir=settings.out_dir, draft=settings.draft,
                           pdf_standard=settings.pdf_standard, allow_untranslated=settings.allow_untranslated)
    return build_meeting(project, job.name, options, alongside=alongside, prepared=prepared)


def _build_brief(project: Project, settings: Settings, job: Job) -> tuple[list[Path], tuple[Path, ...]]:
    """Build a saved brief; return the files written and the content it really read: its file,
    the themes and the meetings it compared (a country view looks at every meeting)."""
    import datetime as dt

    from ..briefs.compare import build_brief, saved_request

    formats = tuple(t.options["format"] for t in job.stale)
    date = dt.date.fromisoformat(job.stale[0].options["date"])
    request = saved_request(project, job.name, date=date, formats=formats, out_dir=settings.out_dir)
    written = build_brief(project, request)
    source = project.content_dir / BRIEFS_DIR / f"{job.name}.yaml"
    compared = project.meeting_ids() if request.country else list(request.meetings)
    meetings = (f for m in compared for f in content_inputs(project, m))
    return written, (source, project.themes_file, *meetings)


def _in_worker(project_root: Path, settings: Settings, job: Job) -> Outcome:
    outcome = run_job(Project(project_root), settings, job)
    outcome.exc = None  # click's exceptions do not all survive pickling; the message does
    release_memory()
    return outcome


# Resident memory (MiB) of this worker after it last gave memory back; None: not yet.
_released_at: float | None = None
SLACK_MIB = 32


def release_memory() -> None:
    """Between two jobs of a worker that lives on: once its resident memory has grown by
    SLACK_MIB since the last time, collect the cyclic garbage of the layouts (the collector is
    paused while WeasyPrint works) and hand freed memory back to the system. Without it glibc's
    allocator keeps what layouts freed and a worker creeps up 2 to 6 MiB a meeting although
    nothing is kept; a collection costs about 50 ms, so it is not made after every meeting."""
    global _released_at
    import gc

    resident = _resident_mib()
    if _released_at is not None and resident is not None and resident - _released_at < SLACK_MIB:
        return
    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
    _released_at = _resident_mib()


def _resident_mib() -> float | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def preload() -> None:
    """Import what every build needs once, before worker processes are forked from this one."""
    from ..briefs import compare  # noqa: F401
    from . import meeting  # noqa: F401
    from ..writers import docx, pdf  # noqa: F401  (docx: imported once, before the fork)

    pdf.import_weasyprint()


def run(project: Project, settings: Settings, jobs: Iterable[Job], workers: int,
        on_done: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Run the jobs that have stale outputs, `workers` at a time; outcomes in the jobs' order."""
    todo = [job for job in jobs if job.stale]
    outcomes: dict[str, Outcome] = {}
    if workers <= 1 or len(todo) <= 1:
        alongside = _side_writer() if workers > 1 and len(todo) == 1 else None
        with _terminate_workers_too() if alongside is not None else contextlib.nullcontext(), _shut_down(alongside):
            for job in todo:
                try:
                    outcomes[job.label] = run_job(project, settings, job, alongside)
                except Exception as exc:  # as a worker process would report it: the others go on
                    if len(todo) == 1:
                        raise
                    log.exception("%s", job.label)
                    outcomes[job.label] = Outcome(job, error=f"{job.label}: the build stopped unexpectedly: {type(exc).__name__}: {exc}")
                on_done(outcomes[job.label])
    else:
        preload()
        with _terminate_workers_too(), _Workers(max_workers=min(workers, len(todo)), mp_context=_fork_context(),
                                                initializer=_worker_started) as pool:
            futures = {pool.submit(_in_worker, project.root, settings, job): job for job in todo}
            try:
                for future in as_completed(futures):
                    job = futures[future]
                    try:
                        outcome = future.result()
                    except Exception as exc:  # a worker that died (killed, out of memory): say which job
                        outcome = Outcome(job, error=f"{job.label}: the build stopped unexpectedly: {type(exc).__name__}: {exc}")
                    outcomes[job.label] = outcome
                    on_done(outcome)
            except BaseException:  # SIGTERM, Ctrl-C: the jobs not started are dropped
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    return [outcomes[job.label] for job in todo]


def _fork_context() -> Any:
    import multiprocessing

    # fork: workers start with everything this process has imported (WeasyPrint's 0.5 s import
    # is paid once); the CLI has no threads when it forks.
    return multiprocessing.get_context("fork")


class _Workers(ProcessPoolExecutor):
    """Worker processes that end when SIGTERM reaches them, having removed the file they were
    writing (a pool's worker would otherwise go on to its next task)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().submit(_ended_by_sigterm, fn, *args, **kwargs)


def _ended_by_sigterm(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except SystemExit as exc:  # raised by writers.atomic_target on SIGTERM, after removing its file
        os._exit(exc.code if isinstance(exc.code, int) else 1)
    except KeyboardInterrupt:  # Ctrl-C reaches every process of the terminal's group
        os._exit(128 + signal.SIGINT)


def _side_writer() -> Executor:
    """One extra process that lays out the PDF while this one writes the DOCX; it imports
    WeasyPrint at once, while this one is still validating and rendering."""
    from ..writers.output import warm_up

    pool = _Workers(max_workers=1, mp_context=_fork_context(), initializer=_worker_started)
    pool.submit(warm_up)
    return pool


@contextlib.contextmanager
def _shut_down(pool: Executor | None) -> Iterator[None]:
    try:
        yield
    finally:
        if pool is not None:
            pool.shutdown()


def _worker_started() -> None:
    """A worker starts with SIGTERM's default action, so that a file it is writing removes
    itself when the signal comes (writers.atomic_target), as in a build of one process."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _terminate_workers_too() -> Any:
    """SIGTERM to a build that has worker processes is passed on to them (each removes the
    file it was writing), then ends this one with the usual status, 128 + 15."""
    from ..core.atomic import terminate_cleans_up

    def pass_on(signum: int) -> None:
        import multiprocessing

        for child in multiprocessing.active_children():
            with contextlib.suppress(OSError):
                os.kill(child.pid, signum)  # type: ignore[arg-type]

    return terminate_cleans_up(pass_on)
