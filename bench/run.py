"""The speed bench: where a build's time goes, how it compares, and which targets are met.

    bench/setup.sh            # once: pandoc and LibreOffice, for the comparison route (b)
    python bench/run.py       # everything (about 5 minutes on 2 cores)
    python bench/run.py --quick            # fewer runs, no 600-page document, small scale corpus

Whole processes are timed with wall and CPU time (user + system of the process and its
children); pairs are run alternately, several rounds, and compared by their medians, so that
a busy machine slows both sides alike. See bench/README.md for the figures and the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
MEETING = "hld2013"
KIND = "rapporteur-report"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(REPO / "bench"))

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p)}


# --------------------------------------------------------------------------- measuring


def timed(command: list[str], **kwargs: Any) -> tuple[float, float]:
    """Run a whole process; (wall seconds, CPU seconds of it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def alternate(runs: int, commands: dict[str, Callable[[], tuple[float, float]]]) -> Samples:
    """Run each command once per round, in turn (after one warm-up round, not counted)."""
    for run in commands.values():  # warm the file cache; not counted
        run()
    samples = Samples({name: [] for name in commands})
    for _ in range(runs):
        for name, run in commands.items():
            samples.rounds[name].append(run())
    return samples


class Samples:
    """(wall, CPU) of each command in each round; medians, and ratios judged pair by pair."""

    def __init__(self, rounds: dict[str, list[tuple[float, float]]]) -> None:
        self.rounds = rounds

    def median(self, name: str) -> tuple[float, float]:
        s = self.rounds[name]
        return statistics.median(w for w, _ in s), statistics.median(c for _, c in s)

    def items(self) -> list[tuple[str, tuple[float, float]]]:
        return [(name, self.median(name)) for name in self.rounds]

    def ratio(self, name: str, base: str, clock: int) -> tuple[float, float, float]:
        """The median of the rounds' ratios name/base (clock 0: wall, 1: CPU), and the spread of
        those ratios (lower and upper quartile). Two commands of one round ran side by side in
        time, so the machine's swings cancel out of each pair's ratio far more than out of
        separate medians."""
        ratios = sorted(a[clock] / b[clock] for a, b in zip(self.rounds[name], self.rounds[base]))
        if len(ratios) < 4:
            return statistics.median(ratios), ratios[0], ratios[-1]
        q1, _, q3 = statistics.quantiles(ratios, n=4)
        return statistics.median(ratios), q1, q3


def describe(ratio: tuple[float, float, float]) -> str:
    return f"{ratio[0]:.2f} (quartiles {ratio[1]:.2f}-{ratio[2]:.2f})"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def reportgen(*args: str, cache: Path | None = None) -> list[str]:
    return [sys.executable, "-m", "reportgen", "--project", str(REPO), *args]


def fresh_cache() -> dict[str, str]:
    """An empty model cache: the build validates the content, as after an edit."""
    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-cache-"))
    return {**ENV, "REPORTGEN_CACHE_DIR": str(folder)}


class Results:
    def __init__(self) -> None:
        self.targets: list[tuple[str, str, bool | None]] = []

    def target(self, name: str, measured: str, met: bool | None) -> None:
        self.targets.append((name, measured, met))
        print(f"  -> {name}: {measured}: {'met' if met else 'NOT met' if met is not None else 'see above'}")


# --------------------------------------------------------------------------- in-process workers (run in a fresh process each)


def worker_phases(ids: list[str]) -> dict[str, Any]:
    """Each phase of building `ids` (every kind, both formats) in this process, cold."""
    import gc

    from reportgen.build.meeting import BuildOptions, render_meeting
    from reportgen.writers.output import output_path
    from reportgen.content.model import load_meetings
    from reportgen.core.project import Project
    from reportgen.writers.docx import write_docx
    from reportgen.writers.pdf import layout_pdf, pages_of, save_pdf

    project = Project(REPO)
    out = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    phases = {k: [0.0, 0.0] for k in ("import", "load+validate", "render", "pdf layout", "pdf write", "docx write")}
    pages = 0

    def clock(name: str, started: tuple[float, float]) -> None:
        phases[name][0] += time.perf_counter() - started[0]
        phases[name][1] += time.process_time() - started[1]

    def now() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    t = now()
    import docx  # noqa: F401

    from reportgen.writers.pdf import import_weasyprint

    import_weasyprint()
    clock("import", t)
    t = now()
    load_meetings(project, ids)
    clock("load+validate", t)
    rendered = {}
    for meeting_id in ids:
        t = now()
        rendered[meeting_id] = render_meeting(project, meeting_id, BuildOptions())
        clock("render", t)
    # As a build writes them: the PDF laid out and written, then the DOCX with the page numbers
    # of that layout for its contents (never a layout of its own).
    for meeting_id, (items, ctx) in rendered.items():
        for item in items:
            t = now()
            document = layout_pdf(item.html, ctx)
            clock("pdf layout", t)
            pages += len(document.pages)
            t = now()
            save_pdf(document, output_path(out, meeting_id, item.kind, "pdf"), ctx)
            clock("pdf write", t)
            ctx.cache["heading-pages"] = (item.html, pages_of(document))
            ctx.cache.pop("pdf-layout", None)
            del document
            gc.collect()
            t = now()
            write_docx(item.html, output_path(out, meeting_id, item.kind, "docx"), ctx)
            clock("docx write", t)
    shutil.rmtree(out)
    return {"phases": phases, "pages": pages, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def worker_pages(factor: int, gc_tweak: bool) -> dict[str, Any]:
    """Lay out hld2013's report with its body repeated `factor` times; seconds per page."""
    from reportgen.build.meeting import BuildOptions, render_meeting
    from reportgen.core.project import Project
    from reportgen.writers import pdf

    project = Project(REPO)
    (item, *_), ctx = render_meeting(project, MEETING, BuildOptions(kinds=(KIND,)))
    head, rest = item.html.split("<body>", 1)
    body, tail = rest.rsplit("</body>", 1)
    html = head + "<body>" + body * factor + "</body>" + tail
    if not gc_tweak:
        pdf.without_cyclic_gc = _no_gc_change  # type: ignore[assignment]
    start = time.process_time()
    document = pdf.layout_pdf(html, ctx)
    with tempfile.TemporaryDirectory() as out:
        pdf.save_pdf(document, Path(out) / "long.pdf", ctx)
    cpu = time.process_time() - start
    return {"pages": len(document.pages), "cpu": cpu, "per_page": cpu / len(document.pages)}


def _no_gc_change():  # type: ignore[no-untyped-def]
    import contextlib

    return contextlib.nullcontext()


def worker_serve(rounds: int) -> dict[str, Any]:
    """A warm rebuild in `reportgen serve`: edit a content file, render, write PDF and DOCX."""
    from reportgen.build.batch import Settings
    from reportgen.core.project import Project
    from reportgen.serve.server import Preview

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(REPO / "content", Path(tmp) / "content")
        project = Project(Path(tmp))
        preview = Preview(project, Settings(kinds=(KIND,)), MEETING)
        preview.refresh(MEETING, files=False)
        preview._write_files(MEETING)  # cold: imports, first layout, warm DOCX process
        edited = project.content_dir / MEETING / "body-2.yaml"
        times = []
        for n in range(rounds):
            edited.write_text(edited.read_text(encoding="utf-8") + f"\n# edit {n}\n", encoding="utf-8")
            start, cpu = time.perf_counter(), time.process_time()
            state = preview.refresh(MEETING, files=False)
            rendered = time.perf_counter() - start
            preview._write_files(MEETING)
            assert state.problems is None and state.files_error is None, (state.problems, state.files_error)
            times.append((rendered, time.perf_counter() - start, time.process_time() - cpu))
        preview.close()
    return {"render": statistics.median(t[0] for t in times), "total": statistics.median(t[1] for t in times),
            "cpu": statistics.median(t[2] for t in times)}


def worker_scale_memory(project_root: str, workers: int) -> dict[str, Any]:
    """Build every meeting of a project with `workers` processes; each worker's RSS after each job."""
    from concurrent.futures import ProcessPoolExecutor

    from reportgen.build.batch import Settings, _fork_context, plan, preload
    from reportgen.core.project import Project

    project = Project(Path(project_root))
    with tempfile.TemporaryDirectory() as out:
        settings = Settings(out_dir=Path(out))
        jobs = plan(project, settings, project.meeting_ids(), [], force=True)
        preload()
        with ProcessPoolExecutor(workers, mp_context=_fork_context()) as pool:
            rss = list(pool.map(_job_rss, [(project_root, settings, job) for job in jobs]))
    per_worker: dict[int, list[float]] = {}
    for pid, mib in rss:
        per_worker.setdefault(pid, []).append(mib)
    return {"per_worker": list(per_worker.values())}


def _job_rss(args: tuple[str, Any, Any]) -> tuple[int, float]:
    from reportgen.build.batch import release_memory, run_job
    from reportgen.core.project import Project

    root, settings, job = args
    outcome = run_job(Project(Path(root)), settings, job)
    assert outcome.error is None, outcome.error
    release_memory()  # as batch._in_worker does
    with open("/proc/self/statm") as fh:
        resident_pages = int(fh.read().split()[1])
    return os.getpid(), resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def in_fresh_process(function: str, *args: Any) -> Any:
    """Run one of the worker_* functions above in a new Python process; its JSON result."""
    code = f"import json, sys; sys.path.insert(0, {str(REPO / 'bench')!r}); import run; print(json.dumps(run.{function}(*{args!r})))"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=fresh_cache())
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- sections


def machine() -> None:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?")
    import weasyprint

    load = os.getloadavg()
    print(f"machine: {cpu}, {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}")


def phases(results: Results) -> dict[str, Any]:
    found = {}
    from reportgen.core.project import Project

    for label, ids in ((MEETING, [MEETING]), ("all of content/", Project(REPO).meeting_ids())):
        data = in_fresh_process("worker_phases", ids)
        found[label] = data
        print(f"\n{label}: phases in one process, cold (wall s / CPU s), {data['pages']} PDF pages, both kinds")
        for name, (wall, cpu) in data["phases"].items():
            print(f"  {name:<14} {wall:7.2f} {cpu:7.2f}")
        p = data["phases"]
        pdf = p["pdf layout"][1] + p["pdf write"][1]
        docx = p["docx write"][1]
        common = p["load+validate"][1] + p["render"][1]
        print(f"  totals (CPU s): PDF {common + pdf:.2f} (layout+write {pdf:.2f}), DOCX {common + docx:.2f} (write {docx:.2f}); "
              f"peak memory {data['peak_mib']:.0f} MiB")
    p = found[MEETING]["phases"]
    share = p["docx write"][1] / (p["pdf layout"][1] + p["pdf write"][1])
    results.target("DOCX write at most 1/4 of PDF layout+write (hld2013, CPU)", f"{share:.2f}", share <= 0.25)
    return found


def pair_a(results: Results, runs: int) -> None:
    from reportgen.build.meeting import BuildOptions, render_meeting
    from reportgen.core.project import Project
    from reportgen.writers.pdf import _prepare

    (item, *_), ctx = render_meeting(Project(REPO), MEETING, BuildOptions(kinds=(KIND,)))
    work = Path(tempfile.mkdtemp(prefix="reportgen-bench-a-"))
    final = work / "final.html"
    final.write_text(_prepare(item.html), encoding="utf-8")
    css = ctx.find("print.css")
    ours = reportgen("build", MEETING, "--kind", KIND, "--pdf", "--force", "-q", "--out", str(work / "ours"))
    alone = [sys.executable, "-m", "weasyprint", "-s", str(css), "-u", str(ctx.search_path[0]), str(final), str(work / "alone.pdf")]
    medians = alternate(runs, {
        "ours, model validated": lambda: timed(ours, env=fresh_cache()),
        "ours -j 1, model validated": lambda: timed([*ours, "-j", "1"], env=fresh_cache()),
        "ours -j 1, model cached": lambda: timed([*ours, "-j", "1"], env={**ENV, "REPORTGEN_CACHE_DIR": str(work / "cache")}),
        "WeasyPrint alone": lambda: timed(alone, env=ENV),
        # what our build makes: a tagged PDF/UA-1 (tags cost WeasyPrint about 5 % more)
        "WeasyPrint alone, tagged": lambda: timed([*alone, "--pdf-variant", "pdf/ua-1", "--pdf-tags"], env=ENV),
    })
    print(f"\n(a) PDF of {MEETING} {KIND}: whole processes, medians of {runs} alternating runs (wall s / CPU s); {load()}")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<28} {wall:6.2f} {cpu:6.2f}")
    # By default a build imports WeasyPrint in a second process while it validates and renders:
    # judged on wall time. With -j 1 both sides use one core: judged on CPU time, which a
    # shared machine disturbs least. Each judged by the median of the rounds' paired ratios.
    for base in ("WeasyPrint alone", "WeasyPrint alone, tagged"):
        wall, cpu = medians.ratio("ours, model validated", base, 0), medians.ratio("ours, model validated", base, 1)
        results.target(f"(a) ours (default) / {base} at most 1.10 (wall, paired)", f"wall {describe(wall)}, CPU {describe(cpu)}", wall[0] <= 1.10)
        for name in ("ours -j 1, model validated", "ours -j 1, model cached"):
            cpu, wall = medians.ratio(name, base, 1), medians.ratio(name, base, 0)
            results.target(f"(a) {name} / {base} at most 1.10 (CPU, paired)", f"CPU {describe(cpu)}, wall {describe(wall)}", cpu[0] <= 1.10)
    shutil.rmtree(work)


def pair_b(results: Results, runs: int) -> float | None:
    if not (shutil.which("pandoc") and shutil.which("soffice")):
        print("\n(b) skipped: run bench/setup.sh first (pandoc and LibreOffice)")
        results.target("(b) ours / pandoc + LibreOffice at most 1.5", "not measured", None)
        return None
    from reportgen.build.meeting import BuildOptions, render_meeting
    from reportgen.core.project import Project

    (item, *_), _ = render_meeting(Project(REPO), MEETING, BuildOptions(kinds=(KIND,)))
    work = Path(tempfile.mkdtemp(prefix="reportgen-bench-b-"))
    (work / "text.html").write_text(item.html, encoding="utf-8")
    profile = f"file://{work / 'lo-profile'}"

    def route() -> tuple[float, float]:
        w1, c1 = timed(["pandoc", "-f", "html", "-t", "docx", "-o", str(work / "route.docx"), str(work / "text.html")])
        w2, c2 = timed(["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                        "--outdir", str(work / "route"), str(work / "route.docx")])
        return w1 + w2, c1 + c2

    ours = reportgen("build", MEETING, "--kind", KIND, "--force", "-q", "--out", str(work / "ours"))
    both, pdf_alone, one_core, other = ("ours (PDF + DOCX), model validated", "ours, PDF alone", "ours, one core (-j 1)",
                                        "pandoc -> DOCX -> LibreOffice -> PDF")
    medians = alternate(runs, {
        both: lambda: timed(ours, env=fresh_cache()),
        pdf_alone: lambda: timed([*ours, "--pdf"], env=fresh_cache()),
        one_core: lambda: timed([*ours, "-j", "1"], env=fresh_cache()),
        other: route,
    })
    print(f"\n(b) {MEETING} {KIND}, PDF and DOCX: whole processes, medians of {runs} alternating runs (wall s / CPU s); {load()}")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<38} {wall:6.2f} {cpu:6.2f}")
    free = medians.ratio(both, pdf_alone, 0)
    results.target("(b) both formats / the PDF alone at most 1.10 (wall, paired): the DOCX free on the second core",
                   f"wall {describe(free)}, CPU {describe(medians.ratio(both, pdf_alone, 1))}", free[0] <= 1.10)
    route_ratio = medians.ratio(both, other, 0)
    results.target("(b) ours / pandoc + LibreOffice at most 1.5 (cold, wall, paired)",
                   f"wall {describe(route_ratio)}, CPU {describe(medians.ratio(both, other, 1))}", route_ratio[0] <= 1.5)
    base = medians.median(other)
    shutil.rmtree(work)
    return base[0]


def serve_rebuild(results: Results, route_b: float | None, rounds: int) -> None:
    data = in_fresh_process("worker_serve", rounds)
    print(f"\nwarm rebuild in reportgen serve ({MEETING} {KIND}, after an edit): preview rendered in {data['render']:.2f} s, "
          f"PDF and DOCX written {data['total']:.2f} s after the save was noticed ({data['cpu']:.2f} s CPU in the server "
          f"process, which writes the DOCX while a second one lays out the PDF), median of {rounds}")
    if route_b is None:
        results.target("warm serve rebuild faster than route (b)", f"{data['total']:.2f} s", None)
    else:
        results.target("warm serve rebuild (PDF + DOCX) faster than route (b)", f"{data['total']:.2f} s vs {route_b:.2f} s", data["total"] < route_b)
        results.target("warm serve preview faster than route (b)", f"{data['render']:.2f} s vs {route_b:.2f} s", data["render"] < route_b)


def pages(results: Results, factor: int) -> None:
    short = in_fresh_process("worker_pages", 1, True)
    long = in_fresh_process("worker_pages", factor, True)
    plain = in_fresh_process("worker_pages", factor, False)
    print(f"\ntime per page (PDF layout + write, CPU): {short['pages']} pages {short['per_page'] * 1000:.0f} ms/page; "
          f"{long['pages']} pages {long['per_page'] * 1000:.0f} ms/page; same without pausing the cyclic GC {plain['per_page'] * 1000:.0f} ms/page")
    growth = long["per_page"] / short["per_page"]
    results.target(f"time per page flat from {short['pages']} to {long['pages']} pages (at most 1.10x)", f"{growth:.2f}x", growth <= 1.10)


def quick_commands(results: Results, runs: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="reportgen-bench-noop-"))
    subprocess.run(reportgen("build", "--all", "-q", "--out", str(out)), check=True, env=ENV)
    subprocess.run(reportgen("validate"), check=True, env=ENV, capture_output=True)
    medians = alternate(runs, {
        "bare python": lambda: timed([sys.executable, "-c", "pass"], env=ENV),
        "reportgen list": lambda: timed(reportgen("list"), env=ENV),
        "reportgen validate": lambda: timed(reportgen("validate"), env=ENV),
        "reportgen build --all (nothing to do)": lambda: timed(reportgen("build", "--all", "--out", str(out)), env=ENV),
    })
    print(f"\ncommands once nothing changed: medians of {runs} alternating runs (wall s / CPU s); {load()}")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<38} {wall:6.2f} {cpu:6.2f}")
    # Judged on CPU time: on a shared machine the wall time mostly measures the neighbours.
    bare_wall, bare_cpu = medians.median("bare python")
    for name in ("reportgen list", "reportgen validate"):
        wall, cpu = medians.median(name)
        results.target(f"{name} within 0.3 s of a bare Python start (CPU)", f"+{cpu - bare_cpu:.2f} s CPU (+{wall - bare_wall:.2f} s wall)",
                       cpu - bare_cpu <= 0.3)
    wall, cpu = medians.median("reportgen build --all (nothing to do)")
    results.target("no-op build --all of content/ at most 0.5 s (CPU)", f"{cpu:.2f} s CPU ({wall:.2f} s wall)", cpu <= 0.5)
    shutil.rmtree(out)


def scale(results: Results, validate_meetings: int, build_meetings: int) -> None:
    import corpus

    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        corpus.generate(big, validate_meetings, languages=())
        corpus.generate(small, build_meetings, languages=())
        wall, cpu = timed([sys.executable, "-m", "reportgen", "--project", str(big), "validate"], env=fresh_cache())
        print(f"\nscale: validate {validate_meetings} synthetic meetings, cold: {wall:.2f} s wall, {cpu:.2f} s CPU")
        results.target(f"validate {validate_meetings} meetings within 5 s (CPU)", f"{cpu:.2f} s CPU ({wall:.2f} s wall)", cpu <= 5)
        build = [sys.executable, "-m", "reportgen", "--project", str(small), "build", "--all", "--force", "-q", "--out", str(Path(tmp) / "out")]
        one, _ = timed([*build, "-j", "1"], env=fresh_cache())
        two, _ = timed([*build, "-j", "2"], env=fresh_cache())
        print(f"scale: build --all of {build_meetings} meetings (both kinds, both formats): -j 1 {one:.1f} s, -j 2 {two:.1f} s")
        results.target("build --all -j 2 close to 2x faster than -j 1 (at least 1.8x)", f"{one / two:.2f}x", one / two >= 1.8)
        memory = in_fresh_process("worker_scale_memory", str(small), 2)
        for n, series in enumerate(memory["per_worker"]):
            print(f"scale: worker {n + 1} resident MiB after each of its meetings: {' '.join(f'{m:.0f}' for m in series)}")
        growth = max(s[-1] / s[0] for s in memory["per_worker"] if s)
        results.target("memory per worker flat, first to last meeting (at most 1.25x)", f"{growth:.2f}x", growth <= 1.25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="alternating rounds per comparison (ratios are judged pair by pair: at least 10)")
    parser.add_argument("--quick", action="store_true", help="3 rounds, no 600-page document, a small scale corpus")
    parser.add_argument("--scale-meetings", type=int, default=200, help="synthetic meetings to validate")
    parser.add_argument("--scale-build", type=int, default=10, help="synthetic meetings to build with -j 1 and -j 2")
    parser.add_argument("--only", choices=["phases", "a", "b", "serve", "pages", "commands", "scale"], action="append")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    only = set(args.only or ["phases", "a", "b", "serve", "pages", "commands", "scale"])
    results = Results()
    machine()
    if "phases" in only:
        phases(results)
    if "a" in only:
        pair_a(results, runs)
    route_b = pair_b(results, runs) if "b" in only else None
    if "serve" in only:
        serve_rebuild(results, route_b, runs)
    if "pages" in only and not args.quick:
        pages(results, 16)
    if "commands" in only:
        quick_commands(results, runs * 2)
    if "scale" in only:
        scale(results, 40 if args.quick else args.scale_meetings, 4 if args.quick else args.scale_build)
    print("\ntargets")
    for name, measured, met in results.targets:
        print(f"  [{'met' if met else '   ' if met is None else 'NOT'}] {name}: {measured}")


if __name__ == "__main__":
    main()
