"""Print how long each step takes and how much memory a build needs, per meeting.

    python bench/build_times.py [MEETING ...]

Targets (checked by reading these figures, not by timed tests): a meeting validates in under
1 s, and builds both formats of every kind in under 30 s with under 1 GiB peak memory on a
2-core machine; the five-meeting briefing note (last line) builds both formats in under 30 s.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.briefs.compare import BriefRequest, build_brief
from reportgen.content.model import load_meetings
from reportgen.core.project import Project


def main(ids: list[str]) -> None:
    project = Project(Path(__file__).resolve().parents[1])
    ids = ids or project.meeting_ids()
    print(f"{'meeting':<14} {'validate s':>10} {'pdf s':>7} {'docx s':>7} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as out:
        for meeting_id in ids:
            t0 = time.perf_counter()
            load_meetings(project, [meeting_id])
            t1 = time.perf_counter()
            build_meeting(project, meeting_id, BuildOptions(formats=("pdf",), out_dir=Path(out)))
            t2 = time.perf_counter()
            build_meeting(project, meeting_id, BuildOptions(formats=("docx",), out_dir=Path(out)))
            t3 = time.perf_counter()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{meeting_id:<14} {t1 - t0:>10.2f} {t2 - t1:>7.2f} {t3 - t2:>7.2f} {peak:>9.0f}")
        if len(ids) > 1:
            times = []
            for fmt in ("pdf", "docx"):
                start = time.perf_counter()
                build_brief(project, BriefRequest(tuple(ids), formats=(fmt,), out_dir=Path(out)))
                times.append(time.perf_counter() - start)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{'brief (all)':<14} {'':>10} {times[0]:>7.2f} {times[1]:>7.2f} {peak:>9.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
