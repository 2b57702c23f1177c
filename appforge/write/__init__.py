"""Write a target's files atomically into the output folder, with a build.json manifest.

The files go to a temporary folder beside the destination, are flushed to disk, and the
folders are then swapped (Linux's ``renameat2(RENAME_EXCHANGE)`` where available, else two
renames with recovery on the next build), so a failed or killed build leaves the previous
build or the new one, never a mix. Every path is checked to stay inside the output folder;
no symlink is followed or created, and a folder that is not an earlier build (no build.json)
is never replaced.

API (shared by every target; keep it stable): ``write_tree(out_dir, files, target, spec_hash)
-> Manifest`` replaces ``out_dir`` with ``files`` (relative posix path -> bytes) plus
``build.json``; ``check_tree(out_dir, files, target, spec_hash) -> list[str]`` lists how the
folder differs from those files (``missing:``/``differs:``/``extra:`` lines, empty when equal),
for ``appforge build --check`` (it reads no file through a symlink). ``write_tree`` raises
:class:`WriteError` for a refused path, a folder it may not replace, or a failed write.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from appforge import __version__

MANIFEST = "build.json"


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
               keep: Sequence[str] = ()) -> Manifest:
    """Replace ``out_dir`` with exactly ``files`` (+ build.json), atomically.

    ``keep`` names top-level entries of the previous output that the user made and the next
    build carries over untouched (the mobile target keeps ``node_modules``: an `npm install`
    in the build folder survives a rebuild).
    """
    complete, manifest = with_manifest(target, spec_hash, files)
    out_dir = Path(out_dir)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be, a read-only disk, ...
        raise WriteError(f"cannot create {parent}: {exc.strerror or exc}") from exc
    if out_dir.is_symlink():
        raise WriteError(f"{out_dir} is a symlink; refusing to write through it")
    _recover(out_dir)
    if not _replaceable(out_dir):
        # A build replaces its whole folder: never someone's own folder that happens to sit
        # where the output goes (`--out .` beside a hand-written web/).
        raise WriteError(f"{out_dir} exists and is not an appforge build (no {MANIFEST}); "
                         "move it away or choose another --out")
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
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
    return manifest


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
    """Put the previous build back if a fallback swap was interrupted half-way."""
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
