"""Write a draft into a new project; apply an edit to an existing one, snapshot first."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appforge.ai.client import AIError
from appforge.ai.compose import SKIP, Composed
from appforge.loader import ENTRY_FILE, load_project


def default_folder(composed: Composed) -> str:
    name = str(composed.data.get("app", {}).get("name") or "app")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    return slug or "app"


def summarize(data: dict[str, Any]) -> dict[str, Any]:
    """What a spec holds, for the person who asked: page ids, state keys, component counts."""
    pages = [p for p in data.get("pages") or [] if isinstance(p, dict)]
    counts: Counter[str] = Counter()
    stack: list[Any] = [p.get("body") for p in pages]
    while stack:  # iterative: the data passed the compiler, but depth is no reason to recurse
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and isinstance(node.get("type"), str):
            counts[node["type"]] += 1
            stack.extend(node.get(k) for k in ("children", "item"))
    state = data.get("state")
    return {"pages": [str(p.get("id")) for p in pages],
            "state": sorted(state) if isinstance(state, dict) else [],
            "components": dict(sorted(counts.items()))}


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        # mkstemp makes the file 0600; a spec is an ordinary file: keep the mode of the one it
        # replaces, else what the umask gives a new file.
        os.fchmod(fd, _mode(path))
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def ensure_free(folder: Path) -> Path:
    """The spec path in ``folder``, refusing a folder that already holds one (checked before
    the model is asked, and again before writing)."""
    if folder.exists() and not folder.is_dir():
        raise AIError(f"{folder} exists and is not a folder", "choose another folder with --out")
    target = folder / ENTRY_FILE
    if target.exists() or target.is_symlink():
        raise AIError(f"{target} already exists", "choose another folder with --out, or use "
                      "`appforge ai edit` to change it")
    return target


def write_draft(composed: Composed, out: Path | None) -> Path:
    folder = out if out is not None else Path(default_folder(composed))
    target = ensure_free(folder)
    try:
        write_atomically(target, composed.text)
        _add_schema(folder)
    except OSError as exc:
        raise AIError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target


def _add_schema(folder: Path) -> None:
    from appforge.resources import specs_dir

    schema = folder / "schema" / "appforge.schema.json"
    # Only editor completion depends on it: the spec is written already and stays valid.
    with contextlib.suppress(OSError):
        if not schema.exists() and not schema.is_symlink():
            schema.parent.mkdir(parents=True, exist_ok=True)
            schema.write_bytes((specs_dir() / "appforge.schema.json").read_bytes())


def current_spec(root: Path) -> str:
    """The text of a single-file project's spec (edits of multi-file projects come later)."""
    project = load_project(root)
    if project.entry is None:
        raise AIError(f"no readable {ENTRY_FILE} in {root}")
    if project.includes:
        raise AIError("ai edit works on single-file projects for now",
                      "the spec uses `include`; edit the included files by hand")
    return (root / ENTRY_FILE).read_text(encoding="utf-8")


@dataclass
class EditPlan:
    root: Path
    before_id: str
    original: str  # the spec text the model was shown
    composed: Composed
    changes: list[str]


def _unchanged(root: Path, original: str) -> None:
    # The model edited what it was shown; a spec changed meanwhile (an editor, `dev`) must not
    # be overwritten by an edit of its older self.
    if (root / ENTRY_FILE).read_text(encoding="utf-8") != original:
        raise AIError(f"{root / ENTRY_FILE} changed while the edit was being prepared",
                      "run the edit again")


def plan_edit(root: Path, original: str, composed: Composed,
              provenance: dict[str, object]) -> EditPlan:
    """Snapshot the working files, and describe the change in app terms."""
    from appforge.store import Store, StoreError
    from appforge.store.diff import semantic_diff

    _unchanged(root, original)
    try:
        before = Store(root).save(message="before ai edit", meta={**provenance,
                                                                  "stage": "before"})
    except (StoreError, OSError) as exc:
        raise AIError(f"cannot snapshot the project first: {exc}") from exc
    with tempfile.TemporaryDirectory(prefix="appforge-edit-") as tmp:
        # The proposed version: the project as it is (data/, assets/) with the new spec.
        proposed = Path(tmp) / "proposed"
        shutil.copytree(root, proposed, symlinks=True, ignore=SKIP)
        (proposed / ENTRY_FILE).write_text(composed.text, encoding="utf-8")
        changes = [c.description for c in semantic_diff(root, proposed)]
    return EditPlan(root, before, original, composed, changes)


def apply_edit(plan: EditPlan, provenance: dict[str, object]) -> str:
    """Write the new spec and record it as a snapshot carrying the provenance."""
    from appforge.store import Store, StoreError

    _unchanged(plan.root, plan.original)
    try:
        write_atomically(plan.root / ENTRY_FILE, plan.composed.text)
    except OSError as exc:
        raise AIError(f"cannot write {plan.root / ENTRY_FILE}: {exc.strerror or exc}") from exc
    try:
        return Store(plan.root).save(message=f"ai edit: {provenance.get('prompt', '')}"[:200],
                                     meta={**provenance, "stage": "after"})
    except (StoreError, OSError) as exc:
        raise AIError(f"the edit was applied, but recording it as a snapshot failed: {exc}",
                      f"the version before is snapshot {plan.before_id[:12]}") from exc
