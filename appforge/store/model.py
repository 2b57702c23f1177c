"""The values the store hands out, and the JSON encoding of trees and snapshot records."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from appforge.store.errors import StoreError


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One recorded file: its project-relative posix path, blob id and size in bytes."""

    path: str
    blob: str
    size: int


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """One snapshot as ``list`` shows it. ``problem`` is set when its record cannot be read."""

    id: str
    time: float = 0.0
    message: str = ""
    parent: str | None = None
    tree: str = ""
    files: int = 0
    size: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    problem: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "time": self.time, "message": self.message,
                "parent": self.parent, "files": self.files, "size": self.size,
                "meta": self.meta, **({"problem": self.problem} if self.problem else {})}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A snapshot with its file list, as ``show`` returns it."""

    info: SnapshotInfo
    entries: list[FileEntry]

    def to_json(self) -> dict[str, Any]:
        return {**self.info.to_json(), "tree": self.info.tree,
                "entries": [{"path": e.path, "blob": e.blob, "size": e.size}
                            for e in self.entries]}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something ``verify`` found: ``kind`` is one of truncated, corrupt, trailing-garbage,
    missing, dangling-ref, bad-ref; ``object`` the id (or log line) concerned."""

    kind: str
    object: str
    message: str


@dataclass(slots=True)
class RestoreResult:
    """What ``restore`` did (or, with ``dry_run``, would do)."""

    id: str
    autosaved: str | None = None
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # not in the snapshot, content not in store
    unchanged: int = 0
    needs_autosave: bool = False


@dataclass(frozen=True, slots=True)
class GcResult:
    removed: int
    freed: int
    kept_recent: int


def encode_tree(entries: list[FileEntry]) -> bytes:
    """A tree: the sorted list of [path, blob, size], as compact JSON (one line per file)."""
    rows = [f'["{e.path}", "{e.blob}", {e.size}]' if _plain(e.path)
            else json.dumps([e.path, e.blob, e.size], ensure_ascii=False)
            for e in sorted(entries, key=lambda e: e.path)]
    return ("[\n" + ",\n".join(rows) + "\n]\n").encode()


def _plain(text: str) -> bool:
    """True when JSON would write ``text`` as it is (no quote, backslash or control char)."""
    return '"' not in text and "\\" not in text and text.isprintable()


def decode_tree(content: bytes, oid: str) -> list[FileEntry]:
    try:
        rows = json.loads(content)
        return [FileEntry(str(p), str(b), int(s)) for p, b, s in rows]
    except (ValueError, TypeError) as exc:
        raise StoreError(f"tree {oid[:12]} is not a valid tree ({exc})") from None


def encode_snapshot(record: dict[str, Any]) -> bytes:
    try:
        return json.dumps(record, sort_keys=True, ensure_ascii=False, indent=1).encode()
    except (TypeError, ValueError) as exc:
        raise StoreError(f"snapshot metadata is not plain data: {exc}",
                         "meta must hold strings, numbers, booleans, lists and dicts") from None


def decode_snapshot(content: bytes, oid: str) -> SnapshotInfo:
    try:
        rec = json.loads(content)
        return SnapshotInfo(
            id=oid, time=float(rec["time"]), message=str(rec.get("message", "")),
            parent=rec.get("parent"), tree=str(rec["tree"]), files=int(rec.get("files", 0)),
            size=int(rec.get("size", 0)), meta=dict(rec.get("meta") or {}))
    except (ValueError, TypeError, KeyError) as exc:
        raise StoreError(f"snapshot {oid[:12]} is not a valid snapshot record ({exc})") from None
