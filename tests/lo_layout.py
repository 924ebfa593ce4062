"""Lay Word files out in LibreOffice as Word does, and print them to PDF (for the parity check).

    python3 tests/lo_layout.py OUT_DIR PROFILE_DIR FILE.docx...

Why not `soffice --convert-to pdf`: a DOCX has no layout cache, so LibreOffice's first layout deals
the body out to pages by count (25 paragraphs or table rows a page in a short document:
sw/source/core/layout/laycache.cxx) and then lets each page take back what fits. A paragraph kept
with the next that is dealt last on a page whose successor cannot come back stays at the foot of
the page: its keep is not looked at again (measured in issue 17's notes). Word, and LibreOffice
itself once anything invalidates the pages, lay the text out as one flow. So each file is laid
out, its pages are invalidated (every page style's bottom margin set 0.01 mm larger, laid out, and
set back: the file is unchanged) and it is laid out again before it is printed.

How: this file is also a LibreOffice Python macro (`run`, below). It is copied into the profile
and run inside one `soffice --headless` for all the files, which then quits. Driving LibreOffice
7.4 from outside through a UNO connection instead crashed it within seconds of opening any file
(an idle task in Writer, "Fatal exception: Signal 6"; also reported by unoserver's users): a macro
keeps LibreOffice busy until it is done, so the idle tasks never run. The macro needs Debian's
libreoffice-script-provider-python (scripts/install.sh --test installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

MACRO = "reportgen_lo_layout.py"  # the name of this file in the profile's Scripts/python
JOB = "REPORTGEN_LO_LAYOUT_JOB"  # the environment variable naming the job's JSON file
TIMEOUT_S = 900  # an upper bound for a loaded machine, not a target


def lay_out(out_dir: Path, profile: Path, files: list[Path]) -> list[Path]:
    """Each file as LibreOffice lays it out as one flow, printed to OUT_DIR/<stem>.pdf."""
    out_dir.mkdir(parents=True, exist_ok=True)
    scripts = profile / "user" / "Scripts" / "python"
    scripts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(__file__, scripts / MACRO)
    targets = [out_dir / (path.stem + ".pdf") for path in files]
    for target in targets:
        target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as work:
        job, log = Path(work) / "job.json", Path(work) / "log.txt"
        job.write_text(json.dumps({"files": [[str(p.resolve()), str(t.resolve())] for p, t in zip(files, targets)], "log": str(log)}),
                       encoding="utf-8")
        office = subprocess.run(["soffice", "--headless", "--invisible", "--norestore",
                                 f"-env:UserInstallation={profile.resolve().as_uri()}",
                                 f"vnd.sun.star.script:{MACRO}$run?language=Python&location=user"],
                                env={**os.environ, JOB: str(job), "PATH": _path_without_other_pythons()},
                                capture_output=True, text=True, timeout=TIMEOUT_S)
        said = log.read_text(encoding="utf-8") if log.exists() else ""
    missing = [str(t) for t in targets if not t.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice (exit {office.returncode}) printed no {', '.join(missing)}\n{said}{office.stderr}")
    return targets


def _path_without_other_pythons() -> str:
    """PATH without folders holding another python3 than the system's (pyenv's, a virtualenv's):
    LibreOffice 7.4's Python macros abort at start (std::bad_alloc) when one comes first."""
    system = Path("/usr/bin/python3").resolve()
    folders = os.environ.get("PATH", os.defpath).split(os.pathsep)
    return os.pathsep.join(f for f in folders if not (Path(f) / "python3").exists() or (Path(f) / "python3").resolve() == system)


# --------------------------------------------------------------------------- inside LibreOffice

def run(*_: Any) -> None:
    """The macro: lay out, invalidate, lay out again and print every file of the job; then quit."""
    import uno  # type: ignore[import-not-found]  # LibreOffice's own Python has it

    job = json.loads(Path(os.environ[JOB]).read_text(encoding="utf-8"))
    desktop = XSCRIPTCONTEXT.getDesktop()  # type: ignore[name-defined]  # noqa: F821 (given to macros)
    with open(job["log"], "w", encoding="utf-8") as log:
        try:
            for source, target in job["files"]:
                log.write(f"{source}\n")
                log.flush()
                document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                                        (_property("Hidden", True), _property("ReadOnly", True)))
                try:
                    _lay_out_again(document)
                    document.storeToURL(uno.systemPathToFileUrl(target), (_property("FilterName", "writer_pdf_Export"),))
                finally:
                    document.close(True)
        except Exception as exc:  # said in the log the caller prints; LibreOffice must still quit
            log.write(f"{type(exc).__name__}: {exc}\n")
        finally:
            desktop.terminate()


def _lay_out_again(document: Any) -> None:
    """Lay the document out, invalidate every page and lay it out again, as one flow."""
    controller = document.getCurrentController()
    controller.getPropertyValue("PageCount")  # asking for the page count lays the document out
    styles = document.getStyleFamilies().getByName("PageStyles")
    for name in styles.getElementNames():
        style = styles.getByName(name)
        margin = style.getPropertyValue("BottomMargin")
        style.setPropertyValue("BottomMargin", margin + 1)
        controller.getPropertyValue("PageCount")
        style.setPropertyValue("BottomMargin", margin)
    controller.getPropertyValue("PageCount")


def _property(name: str, value: object) -> Any:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


g_exportedScripts = (run,)  # the one macro LibreOffice offers from this file

if __name__ == "__main__":
    lay_out(Path(sys.argv[1]), Path(sys.argv[2]), [Path(arg) for arg in sys.argv[3:]])
