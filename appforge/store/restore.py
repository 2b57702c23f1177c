"""Restore a snapshot into the working files without ever losing anything.

1. If the working files differ from every snapshot, they are saved first as an automatic
   snapshot (its id is reported), so the restore can itself be undone.
2. Every path is checked before anything is written: none may leave the project or pass
   through a symlink.
3. Each changed file is written atomically (temp file, fsync, rename); unchanged files are left
   alone.
4. A file the snapshot does not have is removed only when the store holds its exact current
   bytes (so it can be got back); any other file is kept and reported.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from appforge.store import files as project
from appforge.store.errors import os_error
from appforge.store.model import FileEntry, RestoreResult, decode_tree, encode_tree
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
    wanted = store.read_files(oid)
    targets = {rel: project.safe_target(root, rel) for rel in wanted}  # all checked up front
    working = project.project_files(root)
    result = RestoreResult(id=oid)
    known_trees = {info.tree for info in store.list() if not info.problem}
    result.needs_autosave = bool(working) and tree_id(working) not in known_trees
    if result.needs_autosave and not dry_run:
        result.autosaved = store.save_files(
            working, f"automatic: working files before restoring {oid[:12]}",
            {"auto": True, "before_restore": oid})
        known_trees.add(store.info(result.autosaved).tree)

    for rel, data in wanted.items():
        target = targets[rel]
        try:
            current = target.read_bytes() if target.is_file() else None
        except OSError:
            current = None
        if current == data:
            result.unchanged += 1
            continue
        result.written.append(rel)
        if not dry_run:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(target, data)
            except OSError as exc:
                raise os_error(f"restore {rel}", exc) from None

    known_paths = _known_paths(store, known_trees) | set(working)
    for rel in sorted(known_paths - wanted.keys()):
        path = root / rel
        if path.is_symlink() or not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        in_store = store.objects.has(object_id(b"blob", data)) or (
            dry_run and result.needs_autosave and working.get(rel) == data)
        if not in_store:
            result.kept.append(rel)
            continue
        result.removed.append(rel)
        if not dry_run:
            try:
                path.unlink()
            except OSError as exc:
                raise os_error(f"remove {rel}", exc) from None
            _prune_empty(root, path.parent)
    return result


def _known_paths(store: Store, trees: set[str]) -> set[str]:
    """Every path any of these trees records (the files the store knows)."""
    paths: set[str] = set()
    for tree in trees:
        with contextlib.suppress(Exception):
            paths.update(e.path for e in decode_tree(store.objects.read(tree, b"tree"), tree))
    return paths


def _prune_empty(top: Path, current: Path) -> None:
    """Remove folders emptied by the restore, up to (not including) the project folder."""
    while current != top and top in current.parents:
        try:
            current.rmdir()
        except OSError:
            return
        current = current.parent
