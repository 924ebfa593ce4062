"""`reportgen serve` in a real browser: headless Chromium (Debian's) driven by Selenium.

The server runs as its own process on a copy of the content. The test edits a meeting file and
sees the preview change; breaks it and sees the problems with file:line and key path; opens
the last good document; fixes it and sees the document again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reportgen.core.project import Project

REPO = Path(__file__).resolve().parents[1]

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT_S = 60  # an upper bound for a loaded machine, not a target: the bench measures speed


@contextmanager
def serving(root: Path, meeting: str) -> Iterator[str]:
    """`reportgen --project ROOT serve MEETING --port 0` in a process of its own; yields its address."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(Path(__file__).resolve().parents[1] / "src"), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "--project", str(root), "serve", meeting, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        while line.startswith("WARNING: "):  # content warnings come first (a meeting's left-out paragraph)
            line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("Previewing on http://127.0.0.1:"), line
        yield line.split()[2]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture()
def server(tmp_project: Project) -> Iterator[str]:
    """`reportgen serve gfmd2011 --port 0` on a copy of the content; yields its address."""
    with serving(tmp_project.root, "gfmd2011") as url:
        yield url


@pytest.fixture()
def browser() -> Iterator[object]:
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are needed (scripts/install.sh --test installs them)")
        pytest.skip("chromium or chromedriver not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    profile = Path(os.environ.get("TMPDIR", "/tmp")) / f"reportgen-chromium-{os.getpid()}"
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, condition: Callable[[], object], what: str) -> object:  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def attempt(_driver: object) -> object:
        try:
            return condition()
        except WebDriverException:  # the page reloaded under us: try again
            return False

    return WebDriverWait(driver, WAIT_S, poll_frequency=0.1).until(attempt, message=what)


def document_text(driver) -> str:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.switch_to.default_content()
    driver.switch_to.frame(driver.find_element(By.ID, "document"))
    text = driver.find_element(By.TAG_NAME, "body").text
    driver.switch_to.default_content()
    return text


def problems_text(driver) -> str:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.switch_to.default_content()
    return driver.find_element(By.ID, "problem-list").text


def test_the_page_follows_edits_errors_and_fixes(server: str, browser, tmp_project: Project) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver = browser
    meeting = tmp_project.content_dir / "gfmd2011" / "meeting.yaml"
    original = meeting.read_text(encoding="utf-8")

    driver.get(server)
    wait_for(driver, lambda: "San Salvador, El Salvador, 4 and 5 October 2011" in document_text(driver), "the preview of gfmd2011")
    nav = wait_for(driver, lambda: driver.find_element(By.TAG_NAME, "nav").text, "the navigation")
    assert "hld2013" in nav and "rapporteur-report" in nav

    edited = original.replace("venue: {city: San Salvador", "venue: {city: Santa Ana")
    meeting.write_text(edited, encoding="utf-8")
    wait_for(driver, lambda: "Santa Ana, El Salvador, 4 and 5 October 2011" in document_text(driver), "the edit in the preview")

    meeting.write_text(edited + "\nunexpected_key: 1\n", encoding="utf-8")
    problems = wait_for(driver, lambda: problems_text(driver), "the problems instead of the document")
    assert "content/gfmd2011/meeting.yaml:" in problems and "unexpected_key" in problems  # type: ignore[operator]
    # The page reloads while the server rebuilds: find and click in one retried step, or the
    # button found may be gone by the click (StaleElementReferenceException on a loaded CI machine).
    wait_for(driver, lambda: driver.find_element(By.ID, "last-good").click() or True, "the last-good button")
    wait_for(driver, lambda: "Santa Ana, El Salvador" in document_text(driver), "the last good document")

    meeting.write_text(original, encoding="utf-8")
    wait_for(driver, lambda: "San Salvador, El Salvador, 4 and 5 October 2011" in document_text(driver), "the fixed document")
    assert wait_for(driver, lambda: not driver.find_elements(By.ID, "problem-list"), "the problems gone")

    # The files were written too: the PDF is served inline.
    pdf = wait_for(driver, lambda: _fetch(server + "out/gfmd2011/gfmd2011-chair-summary.pdf"), "the PDF")
    assert pdf.startswith(b"%PDF")  # type: ignore[union-attr]
    # Only a meeting's own outputs are served, nothing else of the disk.
    assert _fetch(server + "out/gfmd2011/..%2F..%2Fcontent%2Fthemes.yaml") is None
    assert _fetch(server + "out/gfmd2011/gfmd2011-chair-summary.yaml") is None


@pytest.mark.parametrize(("meeting", "selector", "styles"), [
    # un's own sheet: the issuing body 17 pt bold, the text 10 pt (the shared sheet says 11 pt).
    ("escap-cmp2017", ".masthead .mh-organ", {"font-size": "22.6667px", "font-weight": "700"}),
    # rcm (a project house over plain): the Conference's name in its blue, letter-spaced.
    ("rcm-vmm2014", ".masthead .mh-organisation", {"color": "rgb(31, 78, 121)", "letter-spacing": "0.666667px"}),
    # its house.yaml measures: the 2 pt blue rule, 6 pt below the name (plain's), and the title block's space
    ("rcm-vmm2014", '.masthead .mh-row[data-rule="thin"]', {"border-bottom-color": "rgb(31, 78, 121)", "border-bottom-style": "solid"}),
    ("rcm-vmm2014", ".title-block", {"margin-top": "45.3543px", "margin-bottom": "37.7953px"}),
])
def test_the_preview_uses_the_house_stylesheets(browser, tmp_path: Path, meeting: str, selector: str,  # type: ignore[no-untyped-def]
                                                styles: dict[str, str]) -> None:
    """The preview links the stylesheets the PDF is laid out with: the shared one, then each house
    of the meeting's chain (a project house's included), so it looks like the PDF."""
    from selenium.webdriver.common.by import By

    shutil.copytree(REPO / "examples", tmp_path / "examples")
    with serving(tmp_path / "examples", meeting) as url:
        browser.get(f"{url}m/{meeting}/rapporteur-report")
        wait_for(browser, lambda: document_text(browser), "the preview")
        browser.switch_to.frame(browser.find_element(By.ID, "document"))
        element = browser.find_element(By.CSS_SELECTOR, selector)
        computed = {name: browser.execute_script("return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])", element, name)
                    for name in styles}
        assert computed == styles
        sheets = browser.execute_script("return [...document.styleSheets].filter(s => s.href).map(s => s.cssRules.length > 0)")
        assert sheets and all(sheets)  # every linked sheet was served and parsed
        assert _fetch(f"{url}style/{meeting}/9.css") is None  # only the house's own sheets are served


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def test_saved_files_refresh_the_meetings_they_touch(tmp_project: Project) -> None:
    """A meeting's own files refresh that meeting; themes and templates every meeting shown so
    far; briefs none (the preview shows meetings); the meeting on screen comes first."""
    from reportgen.build.batch import Settings
    from reportgen.style.search_path import default_templates_dir
    from reportgen.serve.server import Preview
    from reportgen.serve.state import MeetingState

    preview = Preview(tmp_project, Settings(), "hld2013")
    preview.states = {"gfmd2010": MeetingState(), "hld2013": MeetingState()}
    content = tmp_project.content_dir
    assert preview.affected([content / "gfmd2011" / "meeting.yaml"]) == []  # never shown: rendered when visited
    assert preview.affected([content / "gfmd2010" / "meeting.yaml"]) == ["gfmd2010"]
    assert preview.affected([content / "themes.yaml"]) == ["hld2013", "gfmd2010"]
    assert preview.affected([default_templates_dir() / "print.css"]) == ["hld2013", "gfmd2010"]
    assert preview.affected([content / "briefs" / "remittances.yaml"]) == []
    preview.close()
