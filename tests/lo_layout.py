"""Lay Word files out in LibreOffice as Word does, and print them to PDF (for the parity check).

Run by the Python that has LibreOffice's `uno` module (Debian's python3-uno, for /usr/bin/python3):

    /usr/bin/python3 tests/lo_layout.py OUT_DIR PROFILE_DIR FILE.docx...

Why not `soffice --convert-to pdf`: a DOCX has no layout cache, so LibreOffice's first layout deals
the body out to pages by count (25 paragraphs or table rows a page in a short document:
sw/source/core/layout/laycache.cxx) and then lets each page take back what fits. A paragraph kept
with the next that is dealt last on a page whose successor cannot come back stays at the foot of
the page: its keep is not looked at again (measured in issue 17's notes). Word, and LibreOffice
itself once anything invalidates the pages, lay the text out as one flow. So each file is loaded,
its pages are invalidated (every page style's bottom margin nudged by 0.01 mm and set back, which
changes nothing in the file) and it is laid out again before it is printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]

CONNECT_S = 60  # an upper bound for a loaded machine


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _desktop(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_S
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _lay_out_again(document: object) -> None:
    """Invalidate every page, so that LibreOffice lays the body out again as one flow."""
    styles = document.getStyleFamilies().getByName("PageStyles")  # type: ignore[attr-defined]
    # Controllers locked meanwhile: LibreOffice 7.4 otherwise lays the pages out in idle time between
    # the calls and aborted there now and then (SvpSalInstance::CheckTimeout, Signal 6) on a brief
    # with landscape and two-column sections.
    document.lockControllers()  # type: ignore[attr-defined]
    try:
        for name in styles.getElementNames():
            style = styles.getByName(name)
            margin = style.getPropertyValue("BottomMargin")
            style.setPropertyValue("BottomMargin", margin + 1)
            style.setPropertyValue("BottomMargin", margin)
    finally:
        document.unlockControllers()  # type: ignore[attr-defined]


class Office:
    """One headless LibreOffice, started again if it dies. LibreOffice 7.4 crashes while closing
    hld2013's report once its first-page style was nudged, after the PDF is stored (the file is
    whole); the files after it need a new one."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.process: subprocess.Popen[bytes] | None = None
        self.desktop: object = None
        self.starts = 0

    def open(self, path: Path) -> object:
        if self.process is None or self.process.poll() is not None:
            self.starts += 1
            pipe = f"reportgen-parity-{os.getpid()}-{self.starts}"
            self.process = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                                             f"-env:UserInstallation={self.profile.resolve().as_uri()}", f"--accept=pipe,name={pipe};urp;"],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.desktop = _desktop(pipe)
        # read-only: nothing (no lock file) is written beside the file
        document = self.desktop.loadComponentFromURL(path.resolve().as_uri(), "_blank", 0,  # type: ignore[attr-defined]
                                                     (_property("Hidden", True), _property("ReadOnly", True), _property("UpdateDocMode", 0)))
        if document is None:
            raise RuntimeError(f"LibreOffice did not open {path}")
        return document

    def close(self, document: object) -> None:
        try:
            document.close(True)  # type: ignore[attr-defined]
        except DisposedException:  # LibreOffice died closing it: the next file starts a new one
            assert self.process is not None
            self.process.wait(timeout=60)

    def quit(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.desktop.terminate()  # type: ignore[attr-defined]
            self.process.wait(timeout=60)
        except (DisposedException, subprocess.TimeoutExpired):
            pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def main(out_dir: Path, profile: Path, files: list[Path]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    office = Office(profile)
    try:
        for path in files:
            print(path, file=sys.stderr, flush=True)  # which file, should LibreOffice fail on one
            document = office.open(path)
            try:
                _lay_out_again(document)
                target = out_dir / (path.stem + ".pdf")
                document.storeToURL(target.resolve().as_uri(), (_property("FilterName", "writer_pdf_Export"),))  # type: ignore[attr-defined]
            finally:
                office.close(document)
    finally:
        office.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), [Path(arg) for arg in sys.argv[3:]])
