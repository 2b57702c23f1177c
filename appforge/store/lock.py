"""The store's lock file: created exclusively, holding who took it, broken only when stale.

``.appforge/lock`` is created exclusively (a hard link of a complete temporary file: it fails
when the name exists, like ``O_CREAT | O_EXCL``, and the lock is never seen empty) and holds JSON
with the pid, host name, process start time and the time it was taken. A waiter that finds
the lock held by a process on this host that no longer exists (or whose pid now belongs to a
different process) breaks it; a lock from another host is never broken automatically, the user
is told whose it is and how to remove it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from appforge.store.errors import StoreError, os_error
from appforge.store.safeio import NotRegularFile, read_regular

TIMEOUT = 60.0
# A lock file still empty after this long belongs to a process that died between creating and
# writing it (it writes within microseconds).
EMPTY_GRACE = 5.0
# A lock holds a line of JSON; anything larger is not one of ours.
LOCK_LIMIT = 65536


def _start_time(pid: int) -> str | None:
    """The kernel's start time of ``pid`` (Linux), to tell a reused pid from its old owner."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses; fields after it are plain.
    return stat.rsplit(")", 1)[-1].split()[19]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_reason(info: dict[str, object]) -> str | None:
    """Why a lock's owner is gone, or None when it may still be running."""
    pid, host = info.get("pid"), info.get("host")
    if host != socket.gethostname() or not isinstance(pid, int):
        return None
    if not _alive(pid):
        return f"process {pid} that took it no longer exists"
    started = info.get("started")
    if started is not None and _start_time(pid) not in (None, started):
        return f"process {pid} that took it has ended (its pid now belongs to another process)"
    return None


def describe(info: dict[str, object]) -> str:
    when = info.get("time")
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(when)) \
        if isinstance(when, (int, float)) else "an unknown time"
    return f"process {info.get('pid', '?')} on {info.get('host', '?')} since {stamp}"


def _read(path: Path) -> tuple[dict[str, object] | None, bytes]:
    try:
        raw = read_regular(path, LOCK_LIMIT)
    except FileNotFoundError:
        return None, b""
    except OSError as exc:  # a FIFO or device there would block: never read one
        what = exc.strerror if isinstance(exc, NotRegularFile) else f"cannot be read ({exc})"
        raise StoreError(f"the lock file {path} {what}",
                         f"if no appforge command is running, delete {path}") from None
    try:
        info = json.loads(raw)
    except ValueError:
        return {}, raw
    return (info if isinstance(info, dict) else {}), raw


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None,
           notice: list[str] | None = None) -> Iterator[None]:
    """Hold the lock at ``path`` for the duration of the block.

    Waits up to ``timeout`` seconds (default :data:`TIMEOUT`) for a live holder. ``notice``
    collects a sentence when a stale lock was taken over, for the caller to show.
    """
    timeout = TIMEOUT if timeout is None else timeout
    mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "started": _start_time(os.getpid()), "time": time.time()}).encode()
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            if _create(path, mine):
                break
        except OSError as exc:
            raise os_error("lock the store", exc) from None
        info, raw = _read(path)
        if info is not None:
            reason = stale_reason(info) if info else _empty_stale(path)
            if reason is not None and _break(path, raw):
                if notice is not None:
                    notice.append(f"took over a stale lock ({reason})")
                continue
        if time.monotonic() > deadline:
            owner = describe(info) if info else "an unknown process"
            raise StoreError(f"the store is locked by {owner}",
                             f"if no appforge command is running there, delete {path}")
        time.sleep(delay * (1 + random.random()))
        delay = min(delay * 2, 0.05)
    try:
        yield
    finally:
        # Remove the lock only if it is still ours (it is, unless someone broke it wrongly).
        if _read(path)[1] == mine:
            with contextlib.suppress(OSError):
                os.unlink(path)


def _create(path: Path, content: bytes) -> bool:
    """Create the lock with its content in one step; False when it exists already.

    The content goes to a private temporary file first, which is then hard-linked to the lock
    name (link, like O_EXCL, fails if the name exists). So a lock is never seen empty, even
    from a process killed while taking it.
    """
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            os.write(fd, content)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            # A file system without hard links: plain exclusive creation.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                os.write(fd, content)
            finally:
                os.close(fd)
        return True
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _empty_stale(path: Path) -> str | None:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return None
    return "it is empty and old" if age > EMPTY_GRACE else None


def _break(path: Path, stale: bytes) -> bool:
    """Remove a stale lock without ever removing a fresh one that replaced it meanwhile.

    The lock is renamed aside (one racer wins the rename); if what moved is not the stale lock
    we looked at, another process broke it and took the lock already: put theirs back.
    """
    aside = path.with_name(f"{path.name}.stale-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return True  # someone else removed it: just try again
    except OSError as exc:
        raise os_error("break a stale lock", exc) from None
    try:
        moved = read_regular(aside, LOCK_LIMIT)
    except OSError:
        moved = None
    if moved == stale:
        aside.unlink()
        return True
    with contextlib.suppress(OSError):
        os.link(aside, path)  # put the live lock back (fails only if yet another took it)
    aside.unlink()
    return False
