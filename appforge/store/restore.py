"""Restore a snapshot into the working files without ever losing anything.

1. If the working files differ from every snapshot, they are saved first as an automatic
   snapshot (its id is reported), so the restore can itself be undone.
2. Every path is checked before anything is written: none may leave the project or pass
   through a symlink.
3. Each changed file is written atomically (temp file, fsync, rename); unchanged files are left
   alone.
4. A recorded file of the working version that the snapshot does not have is removed only when
   the store holds its exact current bytes (so it can be got back); any other file is kept and
   reported.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from appforge.store import files as project
from appforge.store.errors import StoreError, os_error
from appforge.store.model import FileEntry, RestoreResult, encode_tree
from appforge.store.objects import object_id, write_atomic

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
    working = project.project_files(root)
    result = RestoreResult(id=oid)
    known_trees = {info.tree for info in store.list() if not info.problem}
    result.needs_autosave = bool(working) and tree_id(working) not in known_trees

    # Plan the removals first: a removed file may stand where a restored folder goes. Only
    # recorded files of the working version are candidates; files outside it (a README, a
    # page no longer included) are not part of either version and are left alone.
    for rel in sorted(working.keys() - wanted.keys()):
        # After the autosave the store holds every working file; without one, check.
        recoverable = result.needs_autosave or store.objects.has(object_id(b"blob", working[rel]))
        (result.removed if recoverable else result.kept).append(rel)
    _check_targets(root, wanted, set(result.removed))  # before anything is written

    for rel, data in wanted.items():
        target = root / rel
        if not target.is_symlink() and target.is_file() and target.read_bytes() == data:
            result.unchanged += 1
        else:
            result.written.append(rel)
    if dry_run:
        return result

    if result.needs_autosave:
        result.autosaved = store.save_files(
            working, f"automatic: working files before restoring {oid[:12]}",
            {"auto": True, "before_restore": oid})
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
        raise os_error("restore the snapshot", exc) from None
    return result


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
        if target.is_symlink():
            raise StoreError(f"cannot restore {rel}: it is a symbolic link",
                             "move it away and try again")
        if target.is_dir():
            inside = {p.relative_to(root).as_posix() for p in target.rglob("*")
                      if not p.is_dir()}
            if not inside <= removed:
                raise StoreError(f"cannot restore {rel}: a folder of that name holds files "
                                 "that are not in the store", "move it away and try again")


def _prune_empty(top: Path, current: Path) -> None:
    """Remove folders emptied by the restore, up to (not including) the project folder."""
    while current != top and top in current.parents:
        try:
            current.rmdir()
        except OSError:
            return
        current = current.parent
