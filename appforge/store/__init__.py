"""Content-addressed snapshots of a project's specs, with a semantic diff.

``Store(project_root)`` is the API (save, resolve, list, show, materialize, restore, verify, gc);
every failure is a :class:`StoreError` with a message and a hint. The semantic diff lives in
:mod:`appforge.store.diff`. The format is described in
docs/decisions/0001-snapshot-store-format.md.
"""

from appforge.store.errors import StoreError
from appforge.store.model import (
    FileEntry,
    GcResult,
    Problem,
    RestoreResult,
    Snapshot,
    SnapshotInfo,
)
from appforge.store.store import Store

__all__ = ["FileEntry", "GcResult", "Problem", "RestoreResult", "Snapshot", "SnapshotInfo",
           "Store", "StoreError"]
