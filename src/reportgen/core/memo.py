"""Remember, per process, what was computed from a few small files, for as long as their bytes stay the same.

Validating 200 meetings read the same label, phrase and house files eight times per meeting
(issue 22). A result is kept under a key made of the caller's arguments and the bytes of every
file it was computed from (hashed: reading a small file costs far less than parsing it, and unlike
a modification time it cannot miss an edit made within the same clock tick), so `serve` and tests
that edit a catalogue see the edit at once. Only the last `size` results are kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def contents_key(paths: Iterable[Path]) -> tuple[tuple[str, str, str | None], ...]:
    """Each path with where it really leads (a symbolic link may be checked against its folder) and a
    digest of its bytes (None where it cannot be read)."""
    key = []
    for path in paths:
        try:
            digest: str | None = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        except OSError:  # missing, a folder, unreadable: the computation decides what that means
            digest = None
        key.append((str(path), os.path.realpath(path), digest))
    return tuple(key)


class FileMemo(Generic[T]):
    """At most `size` results of `compute`, each kept while the files it read are unchanged."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._results: OrderedDict[Hashable, T] = OrderedDict()

    def get(self, args: Hashable, paths: Iterable[Path], compute: Callable[[], T]) -> T:
        """The result for `args` computed from `paths`: remembered, or computed now (an exception is not remembered)."""
        key = (args, contents_key(paths))
        if key in self._results:
            self._results.move_to_end(key)
            return self._results[key]
        result = compute()
        self._results[key] = result
        if len(self._results) > self.size:
            self._results.popitem(last=False)
        return result

    def clear(self) -> None:
        self._results.clear()
