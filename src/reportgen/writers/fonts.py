"""Whether an installed font can print a language, asked of fontconfig before anything is laid out.

WeasyPrint finds glyphs through fontconfig and draws an empty box where no font has one; a build
in a language no installed font covers (Arabic or Chinese on a bare system) would give pages of
boxes. fontconfig knows which fonts cover which language (its orthographies), so one question
`fc-list :lang=ar` settles it.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess

import click
from babel import Locale, UnknownLocaleError

log = logging.getLogger(__name__)

# The Debian packages scripts/install.sh installs for the scripts beyond Latin, Greek and Cyrillic.
FONT_PACKAGES = {"ar": "fonts-hosny-amiri", "zh": "fonts-noto-cjk", "ja": "fonts-noto-cjk", "ko": "fonts-noto-cjk"}


class MissingFont(click.ClickException):
    """No installed font has the glyphs of the language being built."""

    exit_code = 1


@functools.lru_cache(maxsize=None)
def fonts_for(language: str) -> tuple[str, ...]:
    """The families of the installed fonts that cover `language` (fontconfig's orthographies).
    An empty tuple when none does; None-like (all fonts) when fontconfig cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        log.warning("fc-list not found: cannot check that the fonts cover '%s'", language)
        return ("?",)
    try:
        result = subprocess.run([fc_list, f":lang={language}", "family"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("fc-list failed (%s): cannot check that the fonts cover '%s'", exc, language)
        return ("?",)
    return tuple(sorted({line.split(",")[0].strip() for line in result.stdout.splitlines() if line.strip()}))


def language_name(language: str) -> str:
    try:
        return Locale.parse(language).english_name or language
    except (UnknownLocaleError, ValueError):
        return language


def check_fonts(language: str) -> None:
    """Raise one line naming the language when no installed font covers it."""
    if fonts_for(language):
        return
    package = FONT_PACKAGES.get(language.split("-")[0])
    how = f"install a font for it (Debian: apt-get install {package}; scripts/install.sh does)" if package else "install a font for it"
    raise MissingFont(f"no installed font has the letters of {language_name(language)} ('{language}'); {how}, then build again")
