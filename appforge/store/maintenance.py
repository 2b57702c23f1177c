"""``verify`` (git fsck for the store) and ``gc``."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from appforge.store.errors import StoreError, os_error
from appforge.store.model import GcResult, Problem, decode_snapshot, decode_tree
from appforge.store.objects import (
    HEADER_MAX,
    HEX64,
    MAX_OBJECT,
    CorruptObject,
    decode,
    write_atomic,
)
from appforge.store.safeio import read_regular

if TYPE_CHECKING:
    from appforge.store.store import Store


def verify(store: Store) -> list[Problem]:
    """Re-hash every object, then follow the log to every snapshot, tree and blob."""
    problems: list[Problem] = []
    kinds: dict[str, bytes] = {}
    contents: dict[str, bytes] = {}
    for oid in sorted(store.objects.all_ids()):
        try:
            raw = read_regular(store.objects.path(oid), MAX_OBJECT + HEADER_MAX)
            kind, content = decode(oid, raw)
        except CorruptObject as exc:
            problems.append(Problem(exc.kind, oid, f"object {oid[:12]} is "
                                    f"{exc.kind.replace('-', ' ')}: {exc.detail}"))
            kinds[oid] = b"?"
            continue
        except OSError as exc:
            problems.append(Problem("corrupt", oid, f"object {oid[:12]} cannot be read: {exc}"))
            kinds[oid] = b"?"
            continue
        kinds[oid] = kind
        if kind != b"blob":
            contents[oid] = content  # only records and trees are needed below

    def reach(oid: str, kind: bytes, what: str) -> bytes | None:
        if oid not in kinds:
            problems.append(Problem("missing", oid, f"object {oid[:12]} is missing ({what})"))
            return None
        if kinds[oid] == b"?":
            return None  # already reported as damaged
        if kinds[oid] != kind:
            problems.append(Problem("corrupt", oid, f"object {oid[:12]} is a "
                                    f"{kinds[oid].decode()}, expected a {kind.decode()} ({what})"))
            return None
        return contents.get(oid, b"")

    for n, line in enumerate(store.log_lines(), 1):
        if not HEX64.match(line):
            problems.append(Problem("bad-ref", f"log:{n}",
                                    f"line {n} of the log is not a snapshot id: {line[:40]!r}"))
            continue
        if line not in kinds:
            problems.append(Problem("dangling-ref", line, f"the log (line {n}) names snapshot "
                                    f"{line[:12]}, which is missing from the store"))
            continue
        record = reach(line, b"snapshot", f"snapshot on log line {n}")
        if record is None:
            continue
        try:
            info = decode_snapshot(record, line)
            tree = reach(info.tree, b"tree", f"file list of snapshot {line[:12]}")
            if tree is None:
                continue
            for entry in decode_tree(tree, info.tree):
                reach(entry.blob, b"blob", f"{entry.path} in snapshot {line[:12]}")
        except StoreError as exc:
            problems.append(Problem("corrupt", line, exc.message))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per object and kind: a blob missing from 50 snapshots is said once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.kind, p.object) not in seen:
            seen.add((p.kind, p.object))
            out.append(p)
    return out


def reachable(store: Store) -> set[str]:
    """Every object some snapshot in the log reaches (the snapshot, its tree, its blobs)."""
    found: set[str] = set()
    for oid in store.log_ids():
        found.add(oid)
        try:
            info = store.info(oid)
            found.add(info.tree)
            found.update(e.blob for e in decode_tree(store.objects.read(info.tree, b"tree"),
                                                     info.tree))
        except StoreError as exc:
            raise StoreError(f"gc stopped, nothing was removed: {exc.message}",
                             "run `appforge snapshot verify` and repair the store first") from None
    return found


def gc(store: Store, keep_recent: float) -> GcResult:
    """Remove unreachable objects and leftover temporary files older than ``keep_recent`` s.

    Runs under the lock, so no save commits meanwhile. A save in flight has written (or
    refreshed) its objects within the last moments, so the grace period keeps them; with no
    grace period, the ``gc`` mark it leaves makes that save write them again before it commits.
    """
    removed = freed = kept = 0
    cutoff = time.time() - keep_recent
    if not store.objects.root.is_dir():
        return GcResult(0, 0, 0)
    try:
        with store.locked():
            live = reachable(store)
            for fan in os.scandir(store.objects.root):
                if not fan.is_dir():
                    continue
                for entry in os.scandir(fan.path):
                    oid = fan.name + entry.name
                    if HEX64.match(oid) and oid in live:
                        continue
                    st = entry.stat(follow_symlinks=False)
                    if st.st_mtime > cutoff:
                        kept += 1
                        continue
                    os.unlink(entry.path)
                    removed += 1
                    freed += st.st_size
            # Temporary files of interrupted log writes and broken locks, beside the log.
            if removed:
                # Tell saves in flight (they wrote objects before taking the lock) to check
                # that theirs are still there.
                write_atomic(store.dir / "gc", f"{time.time_ns()}-{os.getpid()}".encode())
            leftovers = (".tmp-", "lock.stale-", "lock.tmp-")
            for entry in os.scandir(store.dir):
                if entry.name.startswith(leftovers) and entry.is_file() \
                        and entry.stat().st_mtime <= cutoff:
                    os.unlink(entry.path)
    except OSError as exc:
        raise os_error("collect garbage", exc) from None
    return GcResult(removed, freed, kept)
