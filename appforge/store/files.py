"""Which files a snapshot records, and safe reading and writing of them inside a project.

The recorded files are what a build reads: ``appforge.yaml``, the files its ``include`` globs
name (recursively, with the loader's own glob rules), and everything under ``data/`` and
``assets/``. Only a file that mentions ``include`` is parsed to follow its globs, so a save reads
each file once and parses almost nothing (a 300-page project saves at about the cost of hashing
it). A spec that cannot be parsed does not stop a save: every YAML file is then recorded.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from appforge.store.errors import StoreError, os_error

ENTRY = "appforge.yaml"
FOLDERS = ("data", "assets")
MAX_FILES = 100_000
# Never recorded: the store itself, build output, dependencies, version control.
SKIP_DIRS = frozenset({".appforge", ".git", "build", "node_modules", "__pycache__"})


def check_rel(rel: str) -> PurePosixPath:
    """A snapshot path as a relative posix path that cannot leave the project."""
    path = PurePosixPath(rel)
    if (not rel or path.is_absolute() or "\\" in rel or "\0" in rel
            or any(part in ("", ".", "..") for part in rel.split("/"))
            or path.parts[0] in SKIP_DIRS):
        raise StoreError(f"unsafe path in snapshot: {rel!r}",
                         "the snapshot was not written by appforge; it is not restored")
    return path


def project_files(root: Path) -> dict[str, bytes]:
    """Every recorded file of the project at ``root``: relative posix path -> bytes."""
    names: set[str] = set()
    if (root / ENTRY).is_file() and not (root / ENTRY).is_symlink():
        names.add(ENTRY)
        if not _follow(root, ENTRY, names):
            names.update(_walk(root, "", suffixes=(".yaml", ".yml")))
    for folder in FOLDERS:
        names.update(_walk(root, folder))
    files: dict[str, bytes] = {}
    for rel in sorted(names):
        try:
            files[rel] = (root / rel).read_bytes()
        except OSError as exc:
            raise os_error(f"read {rel}", exc) from None
    return files


def _follow(root: Path, rel: str, names: set[str]) -> bool:
    """Add the files ``rel`` includes (recursively); False when a spec does not parse."""
    from appforge.loader.project import _glob
    from appforge.loader.yaml_loader import load_yaml

    raw = (root / rel).read_bytes()
    if b"include" not in raw:
        return True  # cannot hold an include key: skip parsing it
    try:
        doc, diags = load_yaml(raw.decode("utf-8-sig"), rel)
    except (UnicodeDecodeError, RecursionError, ValueError):
        return False
    data = doc.data if doc is not None else None
    if doc is None or any(d.severity.value == "error" for d in diags):
        return False
    patterns = data.get("include") if isinstance(data, dict) else None
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list):
        return True
    base = (root / rel).parent
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern.strip():
            continue
        for match in _glob(root.resolve(), base, pattern) or []:
            name = match.relative_to(root.resolve()).as_posix()
            if name in names or name.split("/")[0] in SKIP_DIRS:
                continue
            names.add(name)
            if len(names) > MAX_FILES:
                raise StoreError(f"the project has more than {MAX_FILES} files to record")
            if not _follow(root, name, names):
                return False
    return True


def _walk(root: Path, folder: str, suffixes: tuple[str, ...] = ()) -> list[str]:
    """Regular files under ``root/folder`` (no symlinks followed), relative posix paths."""
    found: list[str] = []
    top = root / folder if folder else root
    if not top.is_dir() or top.is_symlink():
        return found
    # Inside data/ and assets/ every folder counts; only the fallback walk of the whole project
    # skips build output, dependencies and the store.
    skip = SKIP_DIRS if not folder else frozenset()
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in skip
                         and not os.path.islink(os.path.join(current, d)))
        for name in files:
            full = os.path.join(current, name)
            if suffixes and not name.endswith(suffixes):
                continue
            if stat.S_ISREG(os.lstat(full).st_mode):
                found.append(Path(full).relative_to(root).as_posix())
        if len(found) > MAX_FILES:
            raise StoreError(f"the project has more than {MAX_FILES} files to record")
    return found


def safe_target(root: Path, rel: str) -> Path:
    """The path of ``rel`` under ``root``, refusing any symlinked folder on the way."""
    parts = check_rel(rel).parts
    current = root
    for part in parts[:-1]:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            raise StoreError(f"cannot write {rel}: {current.relative_to(root)} is not a folder",
                             "move it away and try again")
    target = current / parts[-1]
    if target.is_symlink() or target.is_dir():
        raise StoreError(f"cannot write {rel}: a link or folder is in the way",
                         "move it away and try again")
    return target
