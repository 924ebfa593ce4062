"""The package's own templates, compiled once and kept between runs (Jinja's bytecode cache).

Compiling the templates of a report (Jinja parses them and generates Python) was most of the
render step and about a twentieth of a whole `build -j 1` PDF (issue 22). Only templates read from
the packaged templates folder are kept: they are part of the installed package, as trusted as its
code, and the same for every project. A project's or a house's own templates are compiled afresh
each run and never stored, so nothing a project folder holds ends up as compiled code in the cache.

The folder is reportgen's folder in the user's cache, one subfolder per Jinja and Python version and
environment configuration (compiled code depends on them); it is used only while it belongs to the
user and no one else can write to it, the trust Python itself gives a __pycache__ folder. A damaged
or stale entry is compiled again; a cache that cannot be written only costs the compilation.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from ..core.project import user_cache_dir
from ..style.search_path import default_templates_dir

log = logging.getLogger(__name__)

CACHE_NAME = "templates"
# What the code Jinja generates depends on besides a template's source.
_CONFIGURATION = ("sandboxed", "autoescape", "trim_blocks", "lstrip_blocks", "keep_trailing_newline", "newline_sequence",
                  "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                  "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                  "optimized", "is_async")


def configuration_key(env: jinja2.Environment) -> str:
    """The subfolder for code compiled by `env`: Jinja's and Python's versions and the environment's settings."""
    settings = [(name, repr(getattr(env, name, None))) for name in _CONFIGURATION]
    text = repr((jinja2.__version__, sys.version, type(env).__qualname__, settings, sorted(env.extensions)))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def private_folder(folder: Path) -> bool:
    """Create `folder` (readable by its owner only) and say whether it belongs to this user and only they may write to it."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except OSError as exc:
        log.debug("no template cache in %s: %s", folder, exc)
        return False
    owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class PackagedTemplateCache(FileSystemBytecodeCache):
    """Jinja's file bytecode cache, for templates read from the packaged templates folder only."""

    def __init__(self, folder: Path, packaged: Path) -> None:
        super().__init__(str(folder), "%s.jinja")
        self._packaged = os.path.join(os.path.abspath(packaged), "")

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        if filename is not None and os.path.abspath(filename).startswith(self._packaged):
            bucket = super().get_bucket(environment, name, filename, source)
            bucket.packaged = True  # type: ignore[attr-defined]
            return bucket
        return Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))  # never read

    def set_bucket(self, bucket: Bucket) -> None:
        if getattr(bucket, "packaged", False):
            super().set_bucket(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:  # a full disk, a folder made read-only meanwhile: compiled again next time
            log.debug("cannot keep compiled template %s: %s", bucket.key, exc)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError) as exc:  # damaged: compiled again and rewritten
            log.debug("ignoring compiled template %s: %s", bucket.key, exc)
            bucket.reset()


def keep_compiled_templates(env: jinja2.Environment) -> None:
    """Give `env` the cache of compiled packaged templates, where the user's cache folder allows one."""
    folder = user_cache_dir() / CACHE_NAME / configuration_key(env)
    if private_folder(user_cache_dir()) and private_folder(folder):
        env.bytecode_cache = PackagedTemplateCache(folder, default_templates_dir())
