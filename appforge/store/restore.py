"""Restore a snapshot into the working files without ever losing anything.

1. The plan is made and every path checked before anything is written: none may leave the
   project, pass through a symlink or replace a FIFO, device or a folder of unsaved files.
2. Every file the restore would change or remove is first in a snapshot: the files on disk
   (read now, not taken from the spec, so a page dropped from ``include`` and then edited is
   covered too) must each be held, byte for byte, by one sound snapshot of the log (its tree
   and blobs re-hashed now); otherwise the working files plus those are saved as an automatic
   snapshot, whose id is reported. A matching tree id alone is never trusted.
3. Each changed file is written atomically (temp file, fsync, rename); unchanged files are left
   alone.
4. Only the spec's own files are removed: those the working spec records (or, when it does
   not load, the entry file and ``data/``/``assets/``). Anything else (a README, a CI
   workflow, a YAML file of a spec that does not parse) is kept and reported.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from appforge.store import files as project
from appforge.store.errors import StoreError, os_error
from appforge.store.model import FileEntry, RestoreResult, encode_tree
from appforge.store.objects import object_id, write_atomic
from appforge.store.safeio import file_type

if TYPE_CHECKING:
    from appforge.store.store import Store


def tree_id(files: dict[str, bytes]) -> str:
    """The id the tree of these files would have, without writing anything."""
    entries = [FileEntry(rel, object_id(b"blob", data), len(data)) for rel, data in files.items()]
    return object_id(b"tree", encode_tree(entries))


def restore(store: Store, oid: str, dry_run: bool = False) -> RestoreResult:
    """Make the working files of ``store``'s project those of snapshot ``oid``."""
    root = store.root
    wanted = store.read_files(oid)  # hash-checked; paths checked not to leave the project
    working, own = project.working_files(root)
    result = RestoreResult(id=oid)

    # Plan the removals first: a removed file may stand where a restored folder goes.
    for rel in sorted(working.keys() - wanted.keys()):
        (result.removed if rel in own else result.kept).append(rel)
    _check_targets(root, wanted, set(result.removed))  # before anything is written

    # What the restore would destroy: each removed file, and whatever is on disk now where a
    # restored file goes (recorded by the working spec or not).
    at_risk = {rel: working[rel] for rel in result.removed}
    for rel, data in wanted.items():
        current = working[rel] if rel in working else _current(root, rel)
        if current == data:
            result.unchanged += 1
            continue
        result.written.append(rel)
        if current is not None:
            at_risk[rel] = current
    if at_risk:
        result.covered_by = _holder(store, at_risk)
        result.needs_autosave = result.covered_by is None
    if dry_run:
        return result

    if result.needs_autosave:
        result.autosaved = store.save_files(
            {**working, **at_risk}, f"automatic: working files before restoring {oid[:12]}",
            {"auto": True, "before_restore": oid})
    saved = result.autosaved or result.covered_by
    rel = ""
    try:
        for rel in result.removed:
            (root / rel).unlink()
            _prune_empty(root, (root / rel).parent)
        for rel in result.written:
            target = project.safe_target(root, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            # A file restored over an existing one keeps its permissions.
            mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else None
            write_atomic(target, wanted[rel], mode=mode)
    except OSError as exc:
        error = os_error(f"restore {rel}", exc, in_store=False)
        if saved:
            error.hint += (f"; the files as they were before are in snapshot {saved[:12]} "
                           f"(appforge snapshot restore {saved[:12]})")
        raise error from None
    return result


def _current(root: Path, rel: str) -> bytes | None:
    """The bytes of ``rel`` on disk now (None when absent or a folder; ``_check_targets`` has
    refused links, FIFOs and devices)."""
    try:
        st = os.lstat(os.path.join(root, rel))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise os_error(f"read {rel}", exc, in_store=False) from None
    return project.read_file(root, rel) if stat.S_ISREG(st.st_mode) else None


def _holder(store: Store, files: dict[str, bytes]) -> str | None:
    """A snapshot of the log holding every one of ``files`` byte for byte, with its tree and
    those blobs sound now (re-hashed); None when there is none."""
    blobs = {rel: object_id(b"blob", data) for rel, data in files.items()}
    for info in store.list():
        if info.problem:
            continue
        try:
            tree = {e.path: e.blob for e in store.entries(info.id)}
        except StoreError:
            continue  # a damaged tree vouches for nothing
        if all(tree.get(rel) == blob for rel, blob in blobs.items()) \
                and all(store.objects.sound(blob) for blob in set(blobs.values())):
            return info.id
    return None


def _check_targets(root: Path, wanted: dict[str, bytes], removed: set[str]) -> None:
    """Refuse, before writing anything, a restore that would write through a link or over a
    file or folder that is not itself being removed."""
    for rel in wanted:
        parts = rel.split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            path = root / folder
            if path.is_symlink() or (path.exists() and not path.is_dir()
                                     and folder not in removed):
                raise StoreError(f"cannot restore {rel}: {folder} is not a folder",
                                 "move it away and try again")
        target = root / rel
        try:
            mode = target.lstat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue  # absent, or under a file that is being removed
        except OSError as exc:
            raise os_error(f"restore {rel}", exc, in_store=False) from None
        if stat.S_ISLNK(mode):
            raise StoreError(f"cannot restore {rel}: it is a symbolic link",
                             "move it away and try again")
        if stat.S_ISDIR(mode):
            inside = {p.relative_to(root).as_posix() for p in target.rglob("*")
                      if not p.is_dir()}
            if not inside <= removed:
                raise StoreError(f"cannot restore {rel}: a folder of that name holds files "
                                 "that are not in the store", "move it away and try again")
        elif not stat.S_ISREG(mode):
            raise StoreError(f"cannot restore {rel}: it is {file_type(mode)}",
                             "move it away and try again")


def _prune_empty(top: Path, current: Path) -> None:
    """Remove folders emptied by the restore, up to (not including) the project folder."""
    while current != top and top in current.parents:
        try:
            current.rmdir()
        except OSError:
            return
        current = current.parent
