"""The values the store hands out, and the JSON encoding of trees and snapshot records."""

from __future__ import annotations

import json
import re
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
    # Not in the snapshot and not the spec's own (the working spec does not load): left alone.
    kept: list[str] = field(default_factory=list)
    unchanged: int = 0
    needs_autosave: bool = False
    #: A snapshot already holding every file the restore changes or removes (then no autosave).
    covered_by: str | None = None


@dataclass(frozen=True, slots=True)
class GcResult:
    removed: int
    freed: int
    kept_recent: int


def encode_tree(entries: list[FileEntry]) -> bytes:
    """A tree: the sorted list of [path, blob, size], as compact JSON (one line per file)."""
    rows = [f'["{e.path}", "{e.blob}", {e.size}]' if _plain(e.path)
            else json_text([e.path, e.blob, e.size])
            for e in sorted(entries, key=lambda e: e.path)]
    return ("[\n" + ",\n".join(rows) + "\n]\n").encode()


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` that can always be encoded as UTF-8.

    A file name that is not UTF-8 (``caf\\xe9.png``) reaches Python as a lone surrogate
    (``caf\\udce9.png``, PEP 383), which UTF-8 cannot encode. It is written as a JSON
    ``\\udce9`` escape instead, which ``json.loads`` turns back into the same surrogate, so the
    name is stored and restored byte for byte.
    """
    text = json.dumps(value, ensure_ascii=False, **options)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
        return json_text(record, sort_keys=True, indent=1).encode()
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
