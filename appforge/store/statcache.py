"""The stat cache (git's index, simplified): skip re-reading files that have not changed.

``.appforge/index`` maps each recorded path to the ``lstat`` facts it had when it was last
hashed (size, mtime, ctime, inode, device) and the blob id of its content. A save trusts an
entry only when all the facts still match *and* the file had been left alone for at least
:data:`QUIET_NS` when it was hashed. That second rule is git's "racy clean" rule: an edit made
within the same clock tick as the hashing could keep size and times equal, but never after a
quiet period, since any later write moves ctime (which no program can set back).

It is a cache: if it is missing, damaged or from another machine, every file is read and
hashed again, and it is replaced without an fsync.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from appforge.store.objects import HEX64, write_atomic
from appforge.store.safeio import read_regular

QUIET_NS = 2_000_000_000  # two seconds: more than the coarsest file time granularity in use
VERSION = 1
INDEX_LIMIT = 1 << 28  # far more than 100,000 entries take


@dataclass(frozen=True, slots=True)
class Known:
    """A file the cache vouches for: its blob, size, and whether it must be parsed."""

    blob: str
    size: int
    parse: bool


def _facts(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


class StatIndex:
    """The cache of one project's store; ``lookup`` during a scan, ``record`` + ``save`` after."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.started = time.time_ns()  # files changed after this are never trusted
        self.entries: dict[str, list[object]] = {}
        self._new: dict[str, list[object]] = {}
        try:
            data = json.loads(read_regular(path, INDEX_LIMIT))
            if isinstance(data, dict) and data.get("version") == VERSION \
                    and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]
        except (OSError, ValueError):
            pass

    def lookup(self, rel: str, st: os.stat_result) -> Known | None:
        """What the cache knows of ``rel`` if its stat facts vouch for it, else None."""
        entry = self.entries.get(rel)
        if not isinstance(entry, list) or len(entry) != 8:
            return None
        facts, blob, parse, hashed_at = entry[:5], entry[5], entry[6], entry[7]
        if facts != _facts(st) or not isinstance(blob, str) or not HEX64.match(blob):
            return None
        if not st.st_ino or not isinstance(hashed_at, int) \
                or max(st.st_mtime_ns, st.st_ctime_ns) > hashed_at - QUIET_NS:
            return None  # racily clean: the file was changing around the time it was hashed
        self._new[rel] = entry
        return Known(blob, st.st_size, bool(parse))

    def record(self, rel: str, st: os.stat_result, blob: str, parse: bool) -> None:
        """Remember a file hashed in this scan (``st`` taken before it was read)."""
        self._new[rel] = [*_facts(st), blob, parse, self.started]

    def save(self) -> None:
        """Replace the cache with this scan's entries (files no longer recorded drop out)."""
        data = json.dumps({"version": VERSION, "entries": self._new}, separators=(",", ":"))
        with contextlib.suppress(OSError):  # only a cache: the next save hashes everything
            write_atomic(self.path, data.encode(), sync_dir=False, durable=False)
