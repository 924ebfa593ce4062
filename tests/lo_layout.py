"""Lay Word files out in LibreOffice as Word does, and print them to PDF (for the parity check).

    python3 tests/lo_layout.py OUT_DIR PROFILE_DIR FILE.docx...

Why not `soffice --convert-to pdf`: a DOCX has no layout cache, so LibreOffice's first layout deals
the body out to pages by count (25 paragraphs or table rows a page in a short document:
sw/source/core/layout/laycache.cxx) and then lets each page take back what fits. A paragraph kept
with the next that is dealt last on a page whose successor cannot come back stays at the foot of
the page: its keep is not looked at again (measured in issue 17's notes). Word, and LibreOffice
itself once anything invalidates the pages, lay the text out as one flow. So each file is loaded,
its pages are invalidated (every page style's bottom margin made 0.01 mm larger; nothing is
saved) and it is laid out again before it is printed. The margin is not set back: done in the
same call, that lays the pages out as first dealt again (mcpm2025's chair's summary kept
"DECISIONS ADOPTED" at the foot of page 1). A hundredth of a millimetre, 0.03 pt, is far below
what any line or space measures.

Why inside LibreOffice: driven from outside through its UNO bridge (python3-uno), LibreOffice 7.4
runs its timers between the calls, and on a loaded machine aborted in one of them (Signal 6 in
SvpSalInstance::CheckTimeout) for most long documents (hld2013's report: 0 of 6 runs; five-meetings
with --full: 1 of 3). So this file is also the macro: it is copied into the profile's Python
scripts and `run` is started by soffice itself (libreoffice-script-provider-python), which lays
out every file in one process and quits (3 of 3 runs, both documents).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

MACRO = "reportgen_lo_layout.py"
JOB = "REPORTGEN_LO_LAYOUT_JOB"  # the environment variable naming the job file (files, output folder, log)
NUDGE = 1  # 1/100 mm more bottom margin (see above)
TIMEOUT_S = 900  # an upper bound for a loaded machine


def run(*_args: object) -> None:
    """The macro (inside LibreOffice): lay out the files of the job and print each to PDF."""
    import uno  # type: ignore[import-not-found]  # (LibreOffice's own Python has it; the runner below needs none)
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    def prop(name: str, value: object) -> object:
        found = PropertyValue()
        found.Name, found.Value = name, value
        return found

    desktop = XSCRIPTCONTEXT.getDesktop()  # type: ignore[name-defined]  # noqa: F821 (given to macros)
    job = json.loads(Path(os.environ[JOB]).read_text(encoding="utf-8"))
    with open(job["log"], "a", encoding="utf-8") as log:
        try:
            for path in job["files"]:
                try:
                    # read-only: nothing (no lock file) is written beside the file
                    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                                            (prop("Hidden", True), prop("ReadOnly", True), prop("UpdateDocMode", 0)))
                    document.getCurrentController().getPropertyValue("PageCount")  # the first layout, as dealt, done
                    styles = document.getStyleFamilies().getByName("PageStyles")
                    for name in styles.getElementNames():  # invalidate every page: laid out again as one flow
                        style = styles.getByName(name)
                        style.setPropertyValue("BottomMargin", style.getPropertyValue("BottomMargin") + NUDGE)
                    target = Path(job["out"]) / (Path(path).stem + ".pdf")
                    document.storeToURL(uno.systemPathToFileUrl(str(target)), (prop("FilterName", "writer_pdf_Export"),))
                    document.close(True)
                    log.write(f"laid out {path}\n")
                except Exception:  # noqa: BLE001 (written to the log, which the runner prints)
                    log.write(f"failed {path}\n{traceback.format_exc()}")
                log.flush()
        finally:
            desktop.terminate()


def _office_environment(job: Path) -> dict[str, str]:
    """The environment of LibreOffice: the job file, no PYTHON* variables of the test's Python, and
    soffice's own folder first in PATH. Its embedded Python finds its standard library from the
    first python3 in PATH: a virtualenv's or pyenv's (whose bin/ comes first when the tests run
    under it) gave it a library of another build, and the script provider aborted."""
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PATH"] = os.pathsep.join([str(Path(soffice).parent), env.get("PATH", "")])
    env[JOB] = str(job.resolve())
    return env


def main(out_dir: Path, profile: Path, files: list[Path]) -> int:
    """Run the macro in a LibreOffice of its own profile; 0 when every file was printed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    scripts = profile / "user" / "Scripts" / "python"
    scripts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(__file__, scripts / MACRO)
    log = out_dir / "lo_layout.log"
    log.write_text("", encoding="utf-8")
    job = out_dir / "lo_layout.json"
    job.write_text(json.dumps({"files": [str(f.resolve()) for f in files], "out": str(out_dir.resolve()), "log": str(log.resolve())}),
                   encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                    f"-env:UserInstallation={profile.resolve().as_uri()}",
                    f"vnd.sun.star.script:{MACRO}$run?language=Python&location=user"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT_S, check=False,
                   env=_office_environment(job))
    missing = [f for f in files if not (out_dir / (f.stem + ".pdf")).exists()]
    if missing:
        print(log.read_text(encoding="utf-8"), file=sys.stderr)
        print("not laid out: " + ", ".join(map(str, missing)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), [Path(arg) for arg in sys.argv[3:]]))
