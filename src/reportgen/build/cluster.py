"""`build --all --scheduler tcp://HOST:8786`: the jobs of a build on a Dask distributed cluster.

One task per meeting and one per saved brief (each brief's task waits for the meeting tasks,
as a CI matrix builds briefs last). A task is batch.run_job on a worker: it writes its files
into the output folder and stamps them, exactly as a local worker process does, so the outputs
are the same bytes. Workers must see the same project folder at the same path (a shared file
system, or a checkout of the same commit at the same place with the output folder shared);
before anything is sent, every worker is asked whether it sees the project and runs the same
reportgen code and writing libraries as this machine, and a difference stops the build.

Dask (`pip install 'reportgen[distributed]'`) is imported here only, and this module only by
the CLI when --scheduler is given: a plain install never loads it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from distributed import Client, as_completed

from ..core.errors import OutputProblem
from ..core.project import Project
from ..core.signatures import code_files
from .batch import Job, Outcome, Settings, preload, release_memory, run_job
from .incremental import WRITER_PACKAGES, environment

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = "20s"


def run_on_cluster(project: Project, settings: Settings, jobs: Iterable[Job], scheduler: str,
                   on_done: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Run the jobs with stale outputs on the cluster behind `scheduler`; outcomes in the jobs'
    order, errors as a local build reports them. Paths must be absolute (workers run elsewhere)."""
    todo = [job for job in jobs if job.stale]
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise OutputProblem(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        _check_workers(client, project.root, scheduler)
        return _run(client, project, settings, todo, on_done)
    finally:
        client.close()


def _run(client: Client, project: Project, settings: Settings, todo: list[Job], on_done: Callable[[Outcome], None]) -> list[Outcome]:
    meetings = {client.submit(_task, project.root, settings, job, key=_key(job), pure=False): job
                for job in todo if job.kind == "meeting"}
    briefs = {client.submit(_task, project.root, settings, job, *meetings, key=_key(job), pure=False): job
              for job in todo if job.kind != "meeting"}
    futures = {**meetings, **briefs}
    outcomes: dict[str, Outcome] = {}
    try:
        for future in as_completed(list(futures), loop=client.loop):
            job = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died, or a task Dask gave up on: say which job
                outcome = Outcome(job, error=f"{job.label}: the build stopped unexpectedly: {type(exc).__name__}: {exc}")
            outcomes[job.label] = outcome
            on_done(outcome)
    except BaseException:  # Ctrl-C, SIGTERM: the tasks not finished are cancelled
        client.cancel(list(futures))
        raise
    return [outcomes[job.label] for job in todo]


def _key(job: Job) -> str:
    import uuid

    return f"reportgen {job.label} {uuid.uuid4().hex[:8]}"  # unique per build; readable on the dashboard


def _task(project_root: Path, settings: Settings, job: Job, *meetings_done: Outcome) -> Outcome:
    """One job on a worker (a brief's task gets the outcomes of the meeting tasks it waited for)."""
    outcome = run_job(Project(project_root), settings, job)
    outcome.exc = None  # click's exceptions do not all survive pickling; the message does
    release_memory()
    return outcome


def fingerprint() -> dict[str, Any]:
    """What makes the bytes of an output besides its inputs: reportgen's code and the versions of
    the writing libraries."""
    digest = hashlib.sha256()
    files = code_files()
    package = Path(os.path.commonpath(files))
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    versions = {fmt: {k: v for k, v in environment(fmt, ("matplotlib",)).items() if k != "SOURCE_DATE_EPOCH"} for fmt in WRITER_PACKAGES}
    return {"code": digest.hexdigest(), "libraries": versions}


def _worker_ready(project_root: str) -> dict[str, Any]:
    """Run on every worker before the build: import what builds need (once per worker) and say
    whether this worker sees the project and what code it runs."""
    preload()
    root = Path(project_root)
    return {"sees_project": (root / "content").is_dir(), **fingerprint()}


def _check_workers(client: Client, root: Path, scheduler: str) -> None:
    answers = client.run(_worker_ready, str(root), on_error="return")
    if not answers:
        raise OutputProblem(f"the Dask scheduler at {scheduler} has no workers")
    here = fingerprint()
    problems = []
    for worker, answer in sorted(answers.items()):
        if isinstance(answer, BaseException):
            problems.append(f"{worker}: cannot run reportgen: {type(answer).__name__}: {answer}")
        elif not answer["sees_project"]:
            problems.append(f"{worker}: does not see the project folder {root} (workers need it at the same path)")
        elif answer["code"] != here["code"]:
            problems.append(f"{worker}: runs other reportgen code than this machine (install the same version or commit)")
        elif answer["libraries"] != here["libraries"]:
            problems.append(f"{worker}: has other versions of the writing libraries than this machine: {answer['libraries']}")
    if problems:
        raise OutputProblem("\n".join([*problems, f"{len(problems)} of {len(answers)} Dask worker(s) cannot build this project "
                                                   "as this machine would; nothing was built"]))
