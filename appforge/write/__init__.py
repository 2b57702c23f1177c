"""Write a target's files atomically into the output folder, with a build.json manifest.

The files go to a temporary folder beside the destination, are flushed to disk, and the
folders are then swapped (Linux's ``renameat2(RENAME_EXCHANGE)`` where available, else two
renames with recovery on the next build), so a failed or killed build leaves the previous
build or the new one, never a mix. Every path is checked to stay inside the output folder;
no symlink is followed or created, and a folder that is not an earlier build (no build.json)
is never replaced.

Two builds to one output never interleave: each holds an exclusive ``flock`` on a lock file
beside the output (``.<name>.lock``) from before it looks at the folder until the swap is done.
The second build waits for the first (the kernel releases the lock when its holder exits,
however it dies, so there is no stale lock to break) and then replaces the first one's output
with its own, complete. While the lock is held no other live build can own a staging folder
of that output, so ``_recover`` only ever removes a dead build's leftovers.

API (shared by every target; keep it stable): ``write_tree(out_dir, files, target, spec_hash)
-> Manifest`` replaces ``out_dir`` with ``files`` (relative posix path -> bytes) plus
``build.json``; ``check_tree(out_dir, files, target, spec_hash) -> list[str]`` lists how the
folder differs from those files (``missing:``/``differs:``/``extra:`` lines, empty when equal),
for ``appforge build --check`` (it reads no file through a symlink). ``write_tree`` raises
:class:`WriteError` for a refused path, a folder it may not replace, or a failed write.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from appforge import __version__

MANIFEST = "build.json"
# How long a build waits for another build of the same output before it gives up (a 1,500-page
# mobile build writes for a few seconds; a holder still there after this is stuck).
LOCK_TIMEOUT = 600.0


class WriteError(Exception):
    """A path or the disk refused the build; the previous build is intact."""


@dataclass(frozen=True)
class Manifest:
    target: str
    spec_hash: str
    files: dict[str, str]  # relative path -> sha256

    def to_json(self) -> str:
        data = {"appforge": __version__, "target": self.target, "spec_hash": self.spec_hash,
                "files": dict(sorted(self.files.items()))}
        return json.dumps(data, indent=2, sort_keys=True) + "\n"


def safe_relative(name: str) -> PurePosixPath:
    """A relative path that cannot leave the folder it is joined to (else WriteError)."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        raise WriteError(f"refused output path {name!r}")
    # Checked on the raw segments: PurePosixPath would quietly normalise "a//b" and "a/./b".
    if any(part in ("", ".", "..") for part in name.split("/")):
        raise WriteError(f"refused output path {name!r}")
    return PurePosixPath(name)


def with_manifest(target: str, spec_hash: str, files: Mapping[str, bytes]
                  ) -> tuple[dict[str, bytes], Manifest]:
    """The files plus build.json listing each one's sha256."""
    if MANIFEST in files:
        raise WriteError(f"a target may not write {MANIFEST} itself")
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    manifest = Manifest(target, spec_hash, hashes)
    return {**files, MANIFEST: manifest.to_json().encode()}, manifest


def write_tree(out_dir: Path, files: Mapping[str, bytes], target: str, spec_hash: str,
               keep: Sequence[str] = (), on_wait: Callable[[str], None] | None = None,
               timeout: float = LOCK_TIMEOUT) -> Manifest:
    """Replace ``out_dir`` with exactly ``files`` (+ build.json), atomically.

    ``keep`` names top-level entries of the previous output that the user made and the next
    build carries over untouched (the mobile target keeps ``node_modules``: an `npm install`
    in the build folder survives a rebuild). When another build is writing the same output,
    ``on_wait`` is called once with a message and this one waits (at most ``timeout`` seconds,
    then WriteError) for it to finish.
    """
    complete, manifest = with_manifest(target, spec_hash, files)
    for name in complete:  # refused before anything is created, the lock file included
        safe_relative(name)
    out_dir = Path(out_dir)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be, a read-only disk, ...
        blocker = next((p for p in (parent, *parent.parents)
                        if os.path.lexists(p) and not p.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker is not None \
            else exc.strerror or str(exc)
        raise WriteError(f"cannot create {parent}: {reason}") from exc
    if out_dir.is_symlink():
        raise WriteError(f"{out_dir} is a symlink; refusing to write through it")
    with _build_lock(out_dir, on_wait, timeout):
        _write_locked(out_dir, complete, keep)
    return manifest


def _write_locked(out_dir: Path, complete: Mapping[str, bytes], keep: Sequence[str]) -> None:
    parent = out_dir.parent
    try:
        _recover(out_dir)
        replaceable = _replaceable(out_dir)
    except OSError as exc:
        raise WriteError(f"cannot write {out_dir}: {exc.strerror or exc}") from exc
    if not replaceable:
        # A build replaces its whole folder: never someone's own folder that happens to sit
        # where the output goes (`--out .` beside a hand-written web/).
        raise WriteError(f"{out_dir} exists and is not an appforge build (no {MANIFEST}); "
                         "move it away or choose another --out")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    except OSError as exc:
        raise WriteError(f"cannot write {out_dir}: {exc.strerror or exc}") from exc
    try:
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a static host must read it
        root = staging.resolve()
        for name in sorted(complete):
            rel = safe_relative(name)
            dest = staging.joinpath(*rel.parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            if not dest.resolve().is_relative_to(root):
                raise WriteError(f"refused output path {name!r}")
            with open(dest, "xb") as handle:
                handle.write(complete[name])
                handle.flush()
                os.fsync(handle.fileno())
        moved = _carry_over(out_dir, staging, keep, complete)
        _fsync_dir(staging)
        try:
            _swap(staging, out_dir)
        except OSError:
            for name in moved:  # put the user's folders back where they were
                os.rename(staging / name, out_dir / name)
            raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise WriteError(f"cannot write {out_dir}: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


@contextlib.contextmanager
def _build_lock(out_dir: Path, on_wait: Callable[[str], None] | None,
                timeout: float) -> Iterator[None]:
    """Hold the output's lock file exclusively (see the module's docstring).

    The holder removes the lock file before it lets go, so no file is left beside the output.
    A waiter may then hold a lock on the removed file, so after locking it checks that its file
    is still the one at the path, and starts again if not (the classic flock + unlink
    protocol). The file holds the pid of the build writing, for the waiting message."""
    path = lock_path(out_dir)
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:  # read-only folder, a symlink or folder where the lock goes
            raise WriteError(f"cannot lock {out_dir} (lock file {path}): "
                             f"{exc.strerror or exc}") from exc
        try:
            if not _try_lock(fd, out_dir):
                holder = _holder(fd)
                if time.monotonic() >= deadline:
                    raise WriteError(f"another appforge build{holder} has been writing "
                                     f"{out_dir} for over {timeout:.0f} s; try again when it "
                                     "has finished")
                if not told and on_wait is not None:
                    on_wait(f"waiting for another appforge build{holder} writing {out_dir} "
                            "to finish")
                    told = True
                os.close(fd)
                time.sleep(0.05)
                continue
            if not _same_file(fd, path):
                os.close(fd)  # the holder before us removed it: lock the current one
                continue
        except BaseException:
            os.close(fd)
            raise
        break
    try:
        with contextlib.suppress(OSError):  # the pid is only for the message above
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # still ours: every locker checks it holds the file at the path
        os.close(fd)  # releases the lock


def _try_lock(fd: int, out_dir: Path) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise WriteError(f"cannot lock {out_dir}: {exc.strerror or exc}") from exc
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        there = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _carry_over(out_dir: Path, staging: Path, keep: Sequence[str],
                complete: Mapping[str, bytes]) -> list[str]:
    """Move the kept entries of the previous output into the new one (a rename: instant)."""
    moved = []
    for name in keep:
        safe_relative(name)
        source = out_dir / name
        if "/" in name or name in complete or not os.path.lexists(source):
            continue
        os.rename(source, staging / name)
        moved.append(name)
    return moved


def check_tree(out_dir: Path, files: Mapping[str, bytes], target: str, spec_hash: str,
               keep: Sequence[str] = ()) -> list[str]:
    """How the files on disk differ from a fresh build (empty when they match); the
    ``keep`` entries (see :func:`write_tree`) are the user's and are not compared."""
    complete, _ = with_manifest(target, spec_hash, files)
    out_dir = Path(out_dir)
    problems = []
    on_disk: set[str] = set()
    links: set[str] = set()
    if out_dir.is_dir() and not out_dir.is_symlink():
        for folder, dirs, names in os.walk(out_dir):  # never descends through a symlink
            for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                rel = Path(folder, name).relative_to(out_dir).as_posix()
                (links if os.path.islink(os.path.join(folder, name)) else on_disk).add(rel)
    for name in sorted(complete):
        if name in links:
            problems.append(f"symlink: {name}")
        elif name not in on_disk:
            problems.append(f"missing: {name}")
        elif (out_dir / name).read_bytes() != complete[name]:
            problems.append(f"differs: {name}")
    extra = sorted((on_disk | links) - set(complete))
    problems += [f"extra: {name}" for name in extra if name.split("/", 1)[0] not in keep]
    return problems


def _replaceable(out_dir: Path) -> bool:
    """Nothing there yet, an empty folder, or a folder an earlier build wrote."""
    if not out_dir.exists():
        return True
    if not out_dir.is_dir():
        return False
    manifest = out_dir / MANIFEST
    return (manifest.is_file() and not manifest.is_symlink()) or not any(out_dir.iterdir())


# ---- the swap ------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2() -> Any:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn


_EXCHANGE = _renameat2()


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        _fsync_dir(out_dir.parent)
        return
    if _EXCHANGE is not None and _EXCHANGE(_AT_FDCWD, os.fsencode(staging), _AT_FDCWD,
                                           os.fsencode(out_dir), _RENAME_EXCHANGE) == 0:
        # One atomic step: out_dir is now the new build, staging holds the old one.
        _fsync_dir(out_dir.parent)
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = out_dir.parent / f".{out_dir.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    os.rename(out_dir, old)
    os.rename(staging, out_dir)  # a crash between the renames is undone by _recover
    _fsync_dir(out_dir.parent)
    shutil.rmtree(old, ignore_errors=True)


def _recover(out_dir: Path) -> None:
    """Put the previous build back if a fallback swap was interrupted half-way, and remove the
    staging folders of killed builds. Called with the output's lock held: every build holds it
    for as long as its staging folder exists, so none of these belongs to a live build."""
    old = out_dir.parent / f".{out_dir.name}.old"
    if old.is_dir() and not out_dir.exists():
        os.rename(old, out_dir)
    for leftover in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # a killed build's staging folder


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
