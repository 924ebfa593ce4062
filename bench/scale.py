"""Scale: a synthetic conference of 1,000 documents, on this machine's processes and on Dask.

    python bench/scale.py                       # 1,000 documents (125 meetings, English and Spanish); a 6-meeting sample is built
    python bench/scale.py --languages es,fr     # three languages: 84 meetings make the 1,000 documents
    python bench/scale.py --sample 4 --rounds 1 # smaller, on a busy machine
    python bench/scale.py --one-worker 20       # memory of one worker over 20 meetings in a row

Measured (bench/corpus.py makes the conference, each meeting in its own language and in each
edition's; every figure printed with the load average):
- `build --all -j 2` against `build --all --scheduler` on a local Dask cluster of two worker
  processes (then the same with `--lang CODE` for each edition), on a sample of the meetings,
  alternating, judged by the median of paired ratios;
- each Dask worker's resident memory, sampled twice a second over the whole run;
- every task's time on the cluster (the scheduler's task stream), per meeting;
- the no-op rebuild of the whole conference (every output stamped, nothing to do);
- `validate` of 200 meetings, cold.
Building all 1,000 documents here would take the better part of an hour on a shared 2-core
machine, so the whole conference is built only as far as its stamps: the outputs of the meetings
outside the sample are stand-ins (the output of a sample meeting of the same seed), stamped with
the build's own Stamps.record, so that the no-op rebuild reads 1,000 real stamps and signs every
real input. From the measured task times the script extrapolates the conference on 16 and 64
workers and says what bounds it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402
from run import Samples, describe, load, timed  # noqa: E402


def reportgen(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", "--project", str(project), *args]


class MemoryWatch:
    """Each Dask worker's resident memory (MiB), sampled every `every` seconds while running."""

    def __init__(self, scheduler: str, every: float = 0.5) -> None:
        from distributed import Client

        self.client = Client(scheduler, set_as_default=False)
        self.every = every
        self.series: dict[str, list[list[float]]] = {}  # worker -> one list of samples per Dask build
        self.round = -1  # the Dask build being watched; -1: none (the -j 2 build runs)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                current = self.round
                if current >= 0:
                    for worker, rss in self.client.run(_rss_mib).items():
                        rounds = self.series.setdefault(worker, [])
                        while len(rounds) <= current:
                            rounds.append([])
                        rounds[current].append(rss)
            except Exception:  # a worker restarting: skip this sample
                pass
            self._stop.wait(self.every)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _rss_mib() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _nothing(n: int) -> int:
    return n


def makespan(times: list[float], workers: int) -> float:
    """Wall time of tasks of these durations on `workers`, longest first to the least busy
    worker (what a scheduler that hands the next task to the first free worker comes close to)."""
    import heapq

    busy = [0.0] * workers
    for t in sorted(times, reverse=True):
        heapq.heapreplace(busy, busy[0] + t)
    return max(busy)


def inputs_read(project_root: Path, meeting_id: str) -> tuple[int, float]:
    """What one meeting's task reads to sign its inputs: content, templates, code, font caches."""
    from reportgen.build.batch import Settings, plan
    from reportgen.core.project import Project

    jobs = plan(Project(project_root), Settings(), [meeting_id], [], force=True)
    files = {f for job in jobs for target in job.targets for f in target.inputs}
    return len(files), sum(f.stat().st_size for f in files if f.exists()) / 2**20


def task_times(stream: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Seconds each meeting's task computed on the cluster, per build (the scheduler's task stream)."""
    times: dict[str, list[float]] = {}
    for record in stream:
        key = record.get("key")
        if isinstance(key, str) and key.startswith("reportgen "):
            seconds = sum(p["stop"] - p["start"] for p in record.get("startstops", ()) if p["action"] == "compute")
            times.setdefault(key.split()[1], []).append(seconds)
    return times


def one_worker(meetings: int) -> None:
    """Build `meetings` synthetic meetings one after another in this process, as a worker of
    `build --all` or of a Dask cluster does (batch.run_job, then batch.release_memory), and
    print the resident memory after each."""
    from reportgen.build.batch import Settings, plan, preload, release_memory, run_job
    from reportgen.core.project import Project

    def resident() -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    work = Path(tempfile.mkdtemp(prefix="reportgen-worker-"))
    corpus.generate(work / "p", meetings, languages=())
    project = Project(work / "p")
    settings = Settings(out_dir=work / "out")
    preload()
    series = []
    for job in plan(project, settings, project.meeting_ids(), [], force=True):
        outcome = run_job(project, settings, job)
        assert outcome.error is None, outcome.error
        release_memory()
        series.append(resident())
    quarter = max(1, len(series) // 4)
    print(f"one worker, {meetings} meetings in a row: resident MiB after each: {' '.join(f'{m:.0f}' for m in series)}; "
          f"median of the first quarter {statistics.median(series[:quarter]):.0f}, of the last {statistics.median(series[-quarter:]):.0f}; {load()}")
    shutil.rmtree(work, ignore_errors=True)


def in_every_language(command: list[str], languages: list[str]) -> list[list[str]]:
    """A build command for the originals, then one per edition (`--lang CODE`)."""
    return [command, *([*command, "--lang", code] for code in languages)]


def timed_all(commands: list[list[str]], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of these commands run one after the other."""
    times = [timed(command, env=env) for command in commands]
    return sum(t[0] for t in times), sum(t[1] for t in times)


def stand_in_stamps(big: Path, sample_out: Path, sample_ids: list[str], languages: list[str]) -> int:
    """Stamp every output of the conference, each edition's too: the sample's own outputs copied,
    the others' a stand-in (a sample meeting of the same seed), each recorded by the build's Stamps."""
    from reportgen.build.batch import Settings, plan
    from reportgen.build.incremental import Stamps
    from reportgen.core.project import Project

    project = Project(big)
    by_seed = {m.rsplit("-", 1)[0]: m for m in sample_ids}
    count = 0
    jobs = []
    for language in (None, *languages):
        settings = Settings(language=language)
        stamps = Stamps(settings.root(project), project.root)
        jobs += [(stamps, job) for job in plan(project, settings, project.meeting_ids(), [], force=True, stamps=stamps)]
    for stamps, job in jobs:
        sibling = by_seed[job.name.rsplit("-", 1)[0]]
        for target in job.targets:
            source = sample_out / sibling / target.output.name.replace(job.name, sibling)
            target.output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target.output)
            stamps.record(target)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents in the synthetic conference")
    parser.add_argument("--sample", type=int, default=6, help="meetings built for the -j 2 / Dask comparison (one per seed at least: 5)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of the sample build")
    parser.add_argument("--validate", type=int, default=200, help="meetings validated cold")
    parser.add_argument("--languages", default=",".join(corpus.LANGUAGES), help="editions besides the original (default: %(default)s)")
    parser.add_argument("--one-worker", type=int, metavar="N", help="only: memory of one worker building N meetings in a row")
    args = parser.parse_args()
    if args.one_worker:
        one_worker(args.one_worker)
        return
    from distributed import LocalCluster, get_task_stream

    work = Path(tempfile.mkdtemp(prefix="reportgen-scale-"))
    cache = work / "model-cache"
    env = {**os.environ, "PYTHONPATH": str(SRC), "REPORTGEN_CACHE_DIR": str(cache)}
    os.environ.update(env)  # the cluster's worker processes start with it
    languages = [code for code in args.languages.split(",") if code]
    per_meeting = corpus.documents_per_meeting(languages)
    meetings = corpus.meetings_for(args.documents, languages)
    big, sample = work / "conference", work / "sample"
    corpus.generate(big, meetings, languages)
    sample_ids = corpus.generate(sample, args.sample, languages)
    print(f"conference: {meetings} meetings in {1 + len(languages)} languages (en, {', '.join(languages)}), "
          f"{meetings * per_meeting} documents; sample: {args.sample} meetings; {load()}")

    # validate of 200 meetings, cold (an empty model cache)
    few = work / "validate"
    corpus.generate(few, args.validate, languages=())  # `validate` checks the originals
    wall, cpu = timed(reportgen(few, "validate"), env={**env, "REPORTGEN_CACHE_DIR": str(work / "cold")})
    print(f"\nvalidate {args.validate} meetings, cold: {wall:.2f} s wall, {cpu:.2f} s CPU; {load()}")

    # -j 2 against Dask, two local workers
    subprocess.run(reportgen(sample, "validate"), env=env, check=True, capture_output=True)  # both sides start with the model cached
    started = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0")
    scheduler = cluster.scheduler_address
    print(f"\nDask: local cluster of 2 worker processes up in {time.perf_counter() - started:.1f} s ({scheduler})")
    out_local, out_dask = work / "out-j2", work / "out-dask"
    local = in_every_language(reportgen(sample, "build", "--all", "--force", "-q", "-j", "2", "--out", str(out_local)), languages)
    on_dask = in_every_language(reportgen(sample, "build", "--all", "--force", "-q", "--scheduler", scheduler, "--out", str(out_dask)), languages)
    samples = Samples({"-j 2": [], "Dask, 2 workers": []})
    with MemoryWatch(scheduler) as memory, get_task_stream(client=memory.client) as stream:
        for n in range(args.rounds):
            samples.rounds["-j 2"].append(timed_all(local, env=env))
            memory.round = n
            samples.rounds["Dask, 2 workers"].append(timed_all(on_dask, env=env))
            memory.round = -1
    connect = timed([sys.executable, "-c", "import sys; from distributed import Client; from reportgen.build.cluster import _check_workers; "
                     f"from pathlib import Path; c = Client({scheduler!r}); _check_workers(c, Path({str(sample)!r}), ''); c.close()"], env=env)
    tasks = task_times(stream.data)
    started = time.perf_counter()
    memory.client.gather(memory.client.map(_nothing, range(1000), pure=False))
    per_empty_task = (time.perf_counter() - started) / 1000
    memory.client.close()
    cluster.close()
    differing = [p.relative_to(out_local).as_posix() for p in sorted(out_local.rglob("*"))
                 if p.is_file() and ".reportgen-cache" not in p.parts
                 and not ((out_dask / p.relative_to(out_local)).is_file() and (out_dask / p.relative_to(out_local)).read_bytes() == p.read_bytes())]
    same = "yes" if not differing else f"no: {', '.join(differing)}"
    print(f"build --all of the sample ({args.sample} meetings, {args.sample * per_meeting} documents, one build per language), "
          f"{args.rounds} alternating rounds (wall s / CPU s of this side's processes); {load()}")
    for name, (w, c) in samples.items():
        print(f"  {name:<18} {w:7.2f} {c:7.2f}")
    overhead = samples.ratio("Dask, 2 workers", "-j 2", 0)
    print(f"  Dask / -j 2, wall, median of paired ratios: {describe(overhead)}; outputs byte-identical: {same}")
    print("  memory per Dask worker over the run (resident MiB, sampled every 0.5 s): ")
    for n, (worker, rounds) in enumerate(sorted(memory.series.items()), start=1):
        shown = "; ".join(f"build {r + 1}: {series[0]:.0f} at its start, max {max(series):.0f}, {series[-1]:.0f} at its end"
                          for r, series in enumerate(rounds) if series)
        print(f"    worker {n}: {shown}")
    print(f"  fixed cost of a build on the cluster (importing Dask, connecting, checking the workers): {connect[0]:.2f} s wall")
    per_task = {m: statistics.median(t) for m, t in tasks.items()}
    print(f"  task times on the cluster (s, median per meeting over its languages and the rounds): mean {statistics.mean(per_task.values()):.2f}, "
          f"min {min(per_task.values()):.2f}, max {max(per_task.values()):.2f} ({max(per_task, key=per_task.get)})")

    # the no-op rebuild of the whole conference
    stamped = stand_in_stamps(big, out_local, sample_ids, languages)
    noop = Samples({"no-op": []})
    for _ in range(3):
        noop.rounds["no-op"].append(timed_all(in_every_language(reportgen(big, "build", "--all", "-q"), languages), env=env))
    up_to_date = 0
    for command in in_every_language(reportgen(big, "build", "--all"), languages):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        up_to_date += sum(line.endswith(": up to date") for line in result.stdout.splitlines())
    nw, nc = noop.median("no-op")
    print(f"\nno-op build --all of the conference, one per language ({stamped} stamped outputs, {up_to_date} meeting editions up to date): "
          f"{nw:.2f} s wall, {nc:.2f} s CPU (median of 3); {load()}")

    # extrapolation: the conference on W workers
    sizes = [p.stat().st_size for p in out_local.rglob("*") if p.is_file() and ".reportgen-cache" not in p.parts]
    per_doc_mib = sum(sizes) / len(sizes) / 2**20
    reads = [inputs_read(sample, m) for m in sample_ids]
    read_files, read_mib = statistics.mean(r[0] for r in reads), statistics.mean(r[1] for r in reads)
    by_seed: dict[str, list[float]] = {}
    for meeting, seconds in per_task.items():
        by_seed.setdefault(meeting.rsplit("-", 1)[0], []).append(seconds)
    conference = [statistics.median(by_seed[m.rsplit("-", 1)[0]]) for m in (p.parent.name for p in (big / "content").glob("*/meeting.yaml"))
                  for _ in range(1 + len(languages))]  # one task per meeting and language
    dask_wall = samples.median("Dask, 2 workers")[0]
    on_two = makespan(list(per_task.values()), 2)
    print(f"\nwhere the Dask build's time went (sample, medians): {dask_wall:.1f} s wall = {connect[0]:.1f} s reaching the cluster "
          f"+ {on_two:.1f} s of tasks on 2 workers (longest first) + {dask_wall - connect[0] - on_two:.1f} s else (load, the client's "
          f"planning and output); the scheduler's own cost {per_empty_task * 1000:.1f} ms per task (1,000 empty tasks)")
    whole_two = makespan(conference, 2)
    print(f"the whole conference on the 2 local workers: {whole_two:.0f} s of tasks; Dask's fixed and per-task costs add "
          f"{(connect[0] + len(conference) * per_empty_task) / whole_two * 100:.1f} %")
    print(f"\nextrapolated: {len(conference)} meeting editions ({len(conference) * corpus.KINDS_AND_FORMATS} documents), task times by seed "
          f"as measured here ({statistics.mean(conference):.1f} s on average, the longest {max(conference):.1f} s); each task reads "
          f"{read_files:.0f} files ({read_mib:.1f} MiB) to sign its inputs and writes {corpus.KINDS_AND_FORMATS * per_doc_mib:.2f} MiB; the client plans "
          f"in about the no-op time ({nc:.1f} s CPU, {nw:.1f} s wall)")
    for workers in (16, 64):
        tasks_wall = makespan(conference, workers)
        total = nw + connect[0] + tasks_wall + len(conference) * per_empty_task
        io = len(conference) * (read_mib + corpus.KINDS_AND_FORMATS * per_doc_mib) / tasks_wall
        print(f"  {workers} workers: about {total:.0f} s = {nw:.1f} s planning + {connect[0]:.1f} s reaching the cluster + "
              f"{tasks_wall:.0f} s of tasks (the ideal {sum(conference) / workers:.0f} s; the longest task {max(conference):.0f} s) "
              f"+ {len(conference) * per_empty_task:.1f} s of scheduling; the shared file system serves {io:.1f} MiB/s "
              f"and {len(conference) * read_files / tasks_wall:.0f} files a second")
    print("  (task times measured on this loaded machine: an idle core builds a meeting faster, so these are upper bounds)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
