"""Write a draft into a new project; apply an edit to an existing one, snapshot first."""

from __future__ import annotations

import contextlib
import errno
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


# What a draft writes, relative to its folder: each must be a plain name there, never a link.
SCHEMA_DIR = "schema"
SCHEMA_FILE = "appforge.schema.json"


def _link_error(path: Path, folder: Path) -> AIError:
    return AIError(f"{path} is a symbolic link; appforge writes a draft only inside {folder} "
                   "and never through a link", "remove the link, or choose another folder "
                   "with --out")


def ensure_free(folder: Path) -> Path:
    """The spec path in ``folder``, refusing a folder that already holds one, and any link
    among the folder and the paths a draft writes in it (checked before the model is asked,
    and again before writing; the writes themselves never follow a link either)."""
    if folder.is_symlink():
        raise _link_error(folder, folder)
    if folder.exists() and not folder.is_dir():
        raise AIError(f"{folder} exists and is not a folder", "choose another folder with --out")
    target = folder / ENTRY_FILE
    if target.exists() or target.is_symlink():
        raise AIError(f"{target} already exists", "choose another folder with --out, or use "
                      "`appforge ai edit` to change it")
    for path in (folder / SCHEMA_DIR, folder / SCHEMA_DIR / SCHEMA_FILE):
        if path.is_symlink():
            raise _link_error(path, folder)
    return target


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def _open_dir(name: str | Path, dir_fd: int | None = None) -> int:
    """A folder's descriptor, refusing a link in its place (ELOOP or ENOTDIR)."""
    return os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=dir_fd)


def _write_in(dir_fd: int, name: str, data: bytes, replace: bool) -> bool:
    """Write ``name`` in the folder ``dir_fd`` through a new temporary file renamed into place
    (a rename replaces a link, it never writes through one). Without ``replace``, an existing
    ``name`` is left as it is and False returned."""
    tmp = f".{name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=dir_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            return True
        try:
            # A hard link fails on any existing name, a link included: nothing is replaced.
            os.link(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
        except FileExistsError:
            return False
        os.unlink(tmp, dir_fd=dir_fd)
        return True
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise


def write_draft(composed: Composed, out: Path | None) -> Path:
    folder = out if out is not None else Path(default_folder(composed))
    target = ensure_free(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        root_fd = _open_dir(folder)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and folder.is_symlink():
            raise _link_error(folder, folder) from exc
        raise AIError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        try:
            if not _write_in(root_fd, ENTRY_FILE, composed.text.encode("utf-8"), replace=False):
                raise AIError(f"{target} already exists", "choose another folder with --out")
        except OSError as exc:
            raise AIError(f"cannot write {target}: {exc.strerror or exc}") from exc
        _add_schema(root_fd)
    finally:
        os.close(root_fd)
    return target


def _add_schema(root_fd: int) -> None:
    """The editor schema beside the draft, when nothing is in its place already."""
    from appforge.resources import specs_dir

    # Only editor completion depends on it: the spec is written already and stays valid.
    with contextlib.suppress(OSError):
        data = (specs_dir() / SCHEMA_FILE).read_bytes()
        with contextlib.suppress(FileExistsError):
            os.mkdir(SCHEMA_DIR, dir_fd=root_fd)
        schema_fd = _open_dir(SCHEMA_DIR, root_fd)  # a link put there meanwhile: ELOOP
        try:
            _write_in(schema_fd, SCHEMA_FILE, data, replace=False)
        finally:
            os.close(schema_fd)


def current_spec(root: Path) -> str:
    """The text of a single-file project's spec (edits of multi-file projects come later)."""
    project = load_project(root)
    if project.entry is None:
        raise AIError(f"no readable {ENTRY_FILE} in {root}")
    if project.includes:
        raise AIError("ai edit works on single-file projects for now",
                      "the spec uses `include`; edit the included files by hand")
    return _spec_text(root)


def _spec_text(root: Path) -> str:
    # Like the loader: a spec swapped for a FIFO or a device meanwhile must not hang the edit.
    from appforge.loader.project import FileRefused, read_limited
    from appforge.loader.yaml_loader import MAX_FILE_BYTES

    try:
        return read_limited(root / ENTRY_FILE, MAX_FILE_BYTES, ENTRY_FILE).decode("utf-8")
    except FileRefused as exc:
        raise AIError(exc.message, exc.hint) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AIError(f"cannot read {root / ENTRY_FILE}: {exc}") from None


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
    if _spec_text(root) != original:
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
