"""Names that become folder and file names: meeting ids, brief names and output names.

One rule for all, checked by `new`, `validate`, `compare --name`, `build --all` and the discovery of
meetings and saved briefs alike: lower-case ASCII letters, digits and hyphens (brief and output
names also underscores, which join the parts of a brief's default name), at most MAX_NAME
characters, and none of the reserved names. A meeting id appears twice in a build stamp's file
name and an output name adds the report kind, the format and, while writing, a temporary suffix:
64 characters keep every one of them within the 255 bytes every file system allows.
"""

from __future__ import annotations

import re

MAX_NAME = 64
MEETING_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
BRIEF_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
RESERVED = {
    "briefs": "content/briefs/ holds the saved briefs",
    "compare": "output/compare/ holds the briefs' files",
    **{device: "a device name Windows will not create as a file or folder"
       for device in ("con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10)))},
}


def shown(name: str) -> str:
    """A name as a message prints it: control characters and the like escaped, cut when very long."""
    text = name.encode("unicode_escape").decode("ascii").replace("'", "\\'")
    return text if len(text) <= 80 else f"{text[:40]}…({len(name)} characters)"


def meeting_id_problem(name: str) -> str | None:
    """Why `name` cannot be a meeting id (a folder of content/ and output/), or None."""
    return _problem(name, "meeting id", MEETING_ID, "lower-case letters, digits and hyphens, e.g. 'escap-cmp2026'")


def brief_name_problem(name: str) -> str | None:
    """Why `name` cannot name a brief (content/briefs/NAME.yaml, output/compare/NAME.pdf), or None."""
    return _problem(name, "brief name", BRIEF_NAME, "lower-case letters, digits, hyphens and underscores")


def _problem(name: str, what: str, pattern: re.Pattern[str], allowed: str) -> str | None:
    if not pattern.fullmatch(name):
        return f"invalid {what} '{shown(name)}': use {allowed}"
    if len(name) > MAX_NAME:
        return f"invalid {what} '{shown(name)}': at most {MAX_NAME} characters (it names files and folders)"
    if name in RESERVED:
        return f"invalid {what} '{name}': the name is reserved ({RESERVED[name]})"
    return None
