"""Diffs between snapshots (or a snapshot and the working files), as text for people."""

from __future__ import annotations

import difflib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appforge.store.diff import DiffResult, compare
from appforge.store.files import project_files

if TYPE_CHECKING:
    from appforge.store.store import Store

WORKING = "working files"


@dataclass(slots=True)
class SnapshotDiff:
    """A diff plus what it is between: ids (or None for the working files) and their files."""

    old: str
    new: str | None
    result: DiffResult
    old_files: dict[str, bytes] = field(default_factory=dict)
    new_files: dict[str, bytes] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, str]:
        return self.old[:12], self.new[:12] if self.new else WORKING

    def to_json(self) -> dict[str, Any]:
        return {"from": self.old, "to": self.new, "semantic": self.result.semantic,
                "note": self.result.note,
                "changes": [c.to_json() for c in self.result.changes],
                "patch": self.result.patch}


def diff_snapshots(store: Store, a: str, b: str | None = None) -> SnapshotDiff:
    """Compare snapshot ``a`` with snapshot ``b``, or with the working files when ``b`` is None.

    Snapshots are written to temporary folders and loaded like any project, so the diff sees
    exactly what a build of that snapshot would read.
    """
    old = store.resolve(a)
    new = store.resolve(b) if b is not None else None
    with tempfile.TemporaryDirectory(prefix="appforge-diff-") as tmp:
        old_root = Path(tmp) / "old"
        store.materialize(old, old_root)
        if new is None:
            new_root = store.root
        else:
            new_root = Path(tmp) / "new"
            store.materialize(new, new_root)
        result = compare(old_root, new_root)
        return SnapshotDiff(old, new, result, project_files(old_root), project_files(new_root))


def unified(diff: SnapshotDiff, context: int = 3) -> str:
    """A plain ``diff -u`` of every file that changed (binary files named, not shown)."""
    left, right = diff.labels
    out: list[str] = []
    for name in sorted(diff.old_files.keys() | diff.new_files.keys()):
        a, b = diff.old_files.get(name), diff.new_files.get(name)
        if a == b:
            continue
        a_text, b_text = _text(a), _text(b)
        if a_text is None or b_text is None:
            out.append(f"Binary file {name} differs\n")
            continue
        out.extend(difflib.unified_diff(
            a_text.splitlines(keepends=True), b_text.splitlines(keepends=True),
            f"{left}/{name}" if a is not None else "/dev/null",
            f"{right}/{name}" if b is not None else "/dev/null", n=context))
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n\\ No newline at end of file\n"
    return "".join(out)


def _text(data: bytes | None) -> str | None:
    if data is None:
        return ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\0" in text else text


def markdown(diff: SnapshotDiff) -> str:
    """The change summary as Markdown, for a pull request description."""
    left, right = diff.labels
    changes = diff.result.changes
    lines = [f"### Spec changes `{left}` → `{right}`", ""]
    if not changes:
        return "\n".join([*lines, "No changes.", ""])
    counts = {k: sum(c.kind == k for c in changes) for k in ("added", "removed", "changed")}
    lines.append(f"{len(changes)} change{'s' if len(changes) != 1 else ''}: "
                 + ", ".join(f"{n} {k}" for k, n in counts.items() if n))
    if diff.result.note:
        lines += ["", f"> {diff.result.note}"]
    lines.append("")
    sign = {"added": "➕", "removed": "➖", "changed": "✏️"}
    for c in changes:
        lines.append(f"- {sign.get(c.kind, '•')} {_md_escape(c.description)}")
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    # Spec text is data: keep it from turning into Markdown links, HTML or emphasis.
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text
