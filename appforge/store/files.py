"""Which files a snapshot records, and safe reading and writing of them inside a project.

The recorded files are what a build reads: ``appforge.yaml``, the files its ``include`` globs
name (recursively, with the loader's own glob rules), the ``file`` of each data source,
and everything under ``data/`` and ``assets/`` (images must live there). Only a file that
mentions ``include`` or ``file`` is parsed, so a save reads each file once and parses almost
nothing (a 300-page project saves at about the cost of hashing it). A spec that cannot be
parsed does not stop a save: every YAML file is then recorded."""

from __future__ import annotations

import glob
import os
import stat
from pathlib import Path

from appforge.safeio import read_regular
from appforge.store.errors import StoreError, os_error
from appforge.store.statcache import Known, StatIndex

ENTRY = "appforge.yaml"
FOLDERS = ("data", "assets")
MAX_FILES = 100_000
# The largest file recorded (an asset); a larger one is refused with its name.
FILE_LIMIT = 1 << 30
# Never recorded: the store itself, build output, dependencies, version control.
SKIP_DIRS = frozenset({".appforge", ".git", "build", "node_modules", "__pycache__"})


def check_rel(rel: str) -> list[str]:
    """The parts of a snapshot path, refusing any path that could leave the project.

    Plain string checks (no pathlib): this runs for every file of every save and restore.
    """
    parts = rel.split("/")
    if (not rel or rel[0] == "/" or "\\" in rel or "\0" in rel or parts[0] in SKIP_DIRS
            or any(part in ("", ".", "..") for part in parts) or not _encodable(rel)):
        raise StoreError(f"unsafe path in snapshot: {rel!r}",
                         "the snapshot was not written by appforge; it is not restored")
    return parts


def _encodable(rel: str) -> bool:
    """Whether ``rel`` names a file on this system: a surrogate only stands for a byte of a
    name that is not UTF-8 (PEP 383); any other one comes from a forged or damaged tree."""
    if rel.isascii():
        return True
    try:
        os.fsencode(rel)
    except UnicodeEncodeError:
        return False
    return True


def project_files(root: Path) -> dict[str, bytes]:
    """Every recorded file of the project at ``root``: relative posix path -> bytes."""
    return working_files(root)[0]


def working_files(root: Path) -> tuple[dict[str, bytes], set[str]]:
    """Every recorded file of the project at ``root`` (relative posix path -> bytes), and which
    of them are certainly the spec's own (see :func:`is_own`)."""
    walker, parsed = _scan(root, None)
    files = {rel: data for rel, data in sorted(walker.files.items()) if isinstance(data, bytes)}
    return files, {rel for rel in files if parsed or is_own(rel)}


def is_own(rel: str) -> bool:
    """Whether ``rel`` belongs to the spec whatever the spec says: the entry file and
    everything under ``data/`` and ``assets/``. When the spec does not load, every YAML file
    is recorded too (to lose nothing), but those may be anyone's (a CI workflow), so only
    these count as the spec's own."""
    return rel == ENTRY or rel.split("/", 1)[0] in FOLDERS


def scan(root: Path, index: StatIndex | None = None
         ) -> tuple[dict[str, bytes | Known], dict[str, os.stat_result]]:
    """Every recorded file: its bytes, or what ``index`` vouches for without reading it; and
    the ``lstat`` of each file read (taken before reading it)."""
    walker, _ = _scan(root, index)
    read = {rel: st for rel, st in walker.stats.items()
            if isinstance(walker.files.get(rel), bytes)}
    return dict(sorted(walker.files.items())), read


def _scan(root: Path, index: StatIndex | None) -> tuple[_Scan, bool]:
    """The scan of ``root``, and whether its spec loaded (so includes could be followed)."""
    walker = _Scan(root, index)
    entry = root / ENTRY
    parsed = entry.is_file() and not entry.is_symlink() and walker.follow(ENTRY)
    if not parsed and entry.is_file() and not entry.is_symlink():
        for rel, st in _walk(root, "", suffixes=(".yaml", ".yml")):
            walker.stats.setdefault(rel, st)
            walker.take(rel)
    for folder in FOLDERS:
        for rel, st in _walk(root, folder):
            walker.stats.setdefault(rel, st)
            walker.take(rel)
    return walker, parsed


def needs_parse(raw: bytes) -> bool:
    """Whether a spec file may hold an ``include`` or a data source that names a project file
    (every source kind names one with its ``file`` key: ``kind: static``)."""
    return b"include" in raw or b"file" in raw


def read_file(root: Path, rel: str) -> bytes:
    """The bytes of project file ``rel``; a StoreError when it cannot be read."""
    try:
        # Never a FIFO or device put there since the scan looked (it would block or not end).
        return read_regular(os.path.join(root, rel), FILE_LIMIT)
    except OSError as exc:
        raise os_error(f"read {rel}", exc, in_store=False) from None


class _Scan:
    """Follows ``include`` globs the way the loader does (sorted, inside the project, no
    symlinks), reading each file at most once into ``files``."""

    def __init__(self, root: Path, index: StatIndex | None) -> None:
        self.root, self.index = root, index
        self.files: dict[str, bytes | Known] = {}
        self.stats: dict[str, os.stat_result] = {}
        self.real_root = os.path.realpath(root)
        self._real_dirs: dict[str, str] = {}

    def take(self, rel: str) -> bytes | Known:
        """Record ``rel``: from the stat cache when it vouches for the file, else read."""
        item = self.files.get(rel)
        if item is not None:
            return item
        if len(self.files) >= MAX_FILES:
            raise StoreError(f"the project has more than {MAX_FILES} files to record")
        st = self.stats.get(rel)
        if st is None:
            try:
                st = self.stats[rel] = os.lstat(os.path.join(self.root, rel))
            except OSError as exc:
                raise os_error(f"read {rel}", exc, in_store=False) from None
        known = self.index.lookup(rel, st) if self.index is not None else None
        item = self.files[rel] = known if known is not None else read_file(self.root, rel)
        return item

    def raw(self, rel: str) -> bytes:
        """The bytes of ``rel``, read now if the cache had vouched for it."""
        item = self.take(rel)
        if isinstance(item, Known):
            self.stats[rel] = os.lstat(os.path.join(self.root, rel))
            item = self.files[rel] = read_file(self.root, rel)
        return item

    def follow(self, rel: str) -> bool:
        """Record ``rel``, the data files its sources name and what it includes,
        recursively; False when a spec does not parse."""
        item = self.take(rel)
        if not (item.parse if isinstance(item, Known) else needs_parse(item)):
            return True  # cannot hold an include or a data file: no need to parse it
        raw = self.raw(rel)
        from appforge.loader.yaml_loader import load_yaml

        try:
            doc, diags = load_yaml(raw.decode("utf-8-sig"), rel)
        except (UnicodeDecodeError, RecursionError, ValueError):
            return False
        if doc is None or any(d.severity.value == "error" for d in diags):
            return False
        self._source_files(doc.data)
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

    def _source_files(self, data: object) -> None:
        """Record the ``file`` each data source names (a static source's data, relative to the
        project folder as the checker reads it), when it is a regular file inside the project:
        whatever its kind, so that saving a snapshot never loads the kinds."""
        sources = data.get("data") if isinstance(data, dict) else None
        if not isinstance(sources, dict):
            return
        for source in sources.values():
            name = source.get("file") if isinstance(source, dict) else None
            if not isinstance(name, str) or not name or os.path.isabs(name):
                continue
            for found in self._glob(str(self.root), glob.escape(name)):
                if found.split("/")[0] not in SKIP_DIRS:
                    self.take(found)

    def _glob(self, base: str, pattern: str) -> list[str]:
        """Project-relative names of the regular files matching ``pattern`` under ``base``."""
        found = []
        prefix = self.real_root.rstrip("/") + "/"
        for match in sorted(glob.glob(os.path.join(base, pattern), recursive=True)):
            try:
                st = os.lstat(match)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue  # folders, and links (which could point anywhere)
            folder, name = os.path.split(match)
            real = self._real_dirs.get(folder)
            if real is None:  # resolve each folder once, not each file
                real = self._real_dirs[folder] = os.path.realpath(folder) + "/"
            if real == prefix:
                rel = name
            elif real.startswith(prefix):
                rel = real[len(prefix):] + name
            else:
                continue
            found.append(rel)
            self.stats.setdefault(rel, st)
        return found


def _walk(root: Path, folder: str, suffixes: tuple[str, ...] = ()
          ) -> list[tuple[str, os.stat_result]]:
    """Regular files under ``root/folder`` (no symlinks followed): relative posix path, lstat."""
    found: list[tuple[str, os.stat_result]] = []
    top = root / folder if folder else root
    if not top.is_dir() or top.is_symlink():
        return found
    # Inside data/ and assets/ every folder counts; only the fallback walk of the whole project
    # skips build output, dependencies and the store.
    skip = SKIP_DIRS if not folder else frozenset()

    def unreadable(exc: OSError) -> None:
        # A folder of data/ or assets/ that cannot be listed would silently be missing from
        # the snapshot. (The fallback walk of a whole project skips folders it cannot list:
        # they may be anyone's.)
        if folder:
            rel = os.path.relpath(exc.filename, root) if exc.filename else folder
            raise os_error(f"read the folder {rel}", exc, in_store=False)

    for current, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if d not in skip
                         and not os.path.islink(os.path.join(current, d)))
        for name in files:
            full = os.path.join(current, name)
            if suffixes and not name.endswith(suffixes):
                continue
            try:
                st = os.lstat(full)
            except FileNotFoundError:
                continue  # removed while we looked: it is not part of this version
            if stat.S_ISREG(st.st_mode):
                found.append((Path(full).relative_to(root).as_posix(), st))
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
