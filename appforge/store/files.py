"""Which files a snapshot records, and safe reading and writing of them inside a project.

The recorded files are what a build reads: ``appforge.yaml``, the files its ``include`` globs
name (recursively, with the loader's own glob rules), the ``file`` of each static data source,
and everything under ``data/`` and ``assets/`` (images must live there). Only a file that
mentions ``include`` or ``static`` is parsed, so a save reads each file once and parses almost
nothing (a 300-page project saves at about the cost of hashing it). A spec that cannot be
parsed does not stop a save: every YAML file is then recorded."""

from __future__ import annotations

import glob
import os
import stat
from pathlib import Path

from appforge.store.errors import StoreError, os_error

ENTRY = "appforge.yaml"
FOLDERS = ("data", "assets")
MAX_FILES = 100_000
# Never recorded: the store itself, build output, dependencies, version control.
SKIP_DIRS = frozenset({".appforge", ".git", "build", "node_modules", "__pycache__"})


def check_rel(rel: str) -> list[str]:
    """The parts of a snapshot path, refusing any path that could leave the project.

    Plain string checks (no pathlib): this runs for every file of every save and restore.
    """
    parts = rel.split("/")
    if (not rel or rel[0] == "/" or "\\" in rel or "\0" in rel or parts[0] in SKIP_DIRS
            or any(part in ("", ".", "..") for part in parts)):
        raise StoreError(f"unsafe path in snapshot: {rel!r}",
                         "the snapshot was not written by appforge; it is not restored")
    return parts


def project_files(root: Path) -> dict[str, bytes]:
    """Every recorded file of the project at ``root``: relative posix path -> bytes."""
    files: dict[str, bytes] = {}
    entry = root / ENTRY
    if entry.is_file() and not entry.is_symlink():
        walker = _Includes(root, files)
        if not walker.follow(ENTRY):
            for rel in _walk(root, "", suffixes=(".yaml", ".yml")):
                walker.read(rel)
    for folder in FOLDERS:
        for rel in _walk(root, folder):
            if rel not in files:
                files[rel] = _read(root, rel)
    return dict(sorted(files.items()))


def _read(root: Path, rel: str) -> bytes:
    try:
        with open(os.path.join(root, rel), "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise os_error(f"read {rel}", exc) from None


class _Includes:
    """Follows ``include`` globs the way the loader does (sorted, inside the project, no
    symlinks), reading each file once into ``files``."""

    def __init__(self, root: Path, files: dict[str, bytes]) -> None:
        self.root, self.files = root, files
        self.real_root = os.path.realpath(root)
        self._real_dirs: dict[str, str] = {}

    def read(self, rel: str) -> bytes:
        if rel not in self.files:
            if len(self.files) >= MAX_FILES:
                raise StoreError(f"the project has more than {MAX_FILES} files to record")
            self.files[rel] = _read(self.root, rel)
        return self.files[rel]

    def follow(self, rel: str) -> bool:
        """Record ``rel``, the data files its static sources name and what it includes,
        recursively; False when a spec does not parse."""
        raw = self.read(rel)
        if b"include" not in raw and b"static" not in raw:
            return True  # cannot hold an include or a static source: no need to parse it
        from appforge.loader.yaml_loader import load_yaml

        try:
            doc, diags = load_yaml(raw.decode("utf-8-sig"), rel)
        except (UnicodeDecodeError, RecursionError, ValueError):
            return False
        if doc is None or any(d.severity.value == "error" for d in diags):
            return False
        self._static_files(doc.data)
        patterns = doc.data.get("include") if isinstance(doc.data, dict) else None
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list):
            return True
        base = os.path.dirname(os.path.join(self.root, rel))
        for pattern in patterns:
            if not isinstance(pattern, str) or not pattern.strip() or os.path.isabs(pattern):
                continue
            for name in self._glob(base, pattern):
                if name not in self.files and name.split("/")[0] not in SKIP_DIRS \
                        and not self.follow(name):
                    return False
        return True

    def _static_files(self, data: object) -> None:
        """Record the ``file`` of each static data source (relative to the project folder, as
        the checker reads it), when it is a regular file inside the project."""
        sources = data.get("data") if isinstance(data, dict) else None
        if not isinstance(sources, dict):
            return
        for source in sources.values():
            if not isinstance(source, dict) or source.get("kind") != "static":
                continue
            name = source.get("file")
            if not isinstance(name, str) or not name or os.path.isabs(name):
                continue
            for found in self._glob(str(self.root), glob.escape(name)):
                if found.split("/")[0] not in SKIP_DIRS:
                    self.read(found)

    def _glob(self, base: str, pattern: str) -> list[str]:
        """Project-relative names of the regular files matching ``pattern`` under ``base``."""
        found = []
        prefix = self.real_root.rstrip("/") + "/"
        for match in sorted(glob.glob(os.path.join(base, pattern), recursive=True)):
            try:
                if not stat.S_ISREG(os.lstat(match).st_mode):
                    continue  # folders, and links (which could point anywhere)
            except OSError:
                continue
            folder, name = os.path.split(match)
            real = self._real_dirs.get(folder)
            if real is None:  # resolve each folder once, not each file
                real = self._real_dirs[folder] = os.path.realpath(folder) + "/"
            if real == prefix:
                found.append(name)
            elif real.startswith(prefix):
                found.append(real[len(prefix):] + name)
        return found


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
    parts = check_rel(rel)
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
