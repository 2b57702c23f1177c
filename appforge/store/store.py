"""The snapshot store of one project: ``PROJECT/.appforge/``.

Layout (see docs/decisions/0001-snapshot-store-format.md)::

    .appforge/objects/ab/cdef...   blobs (file bytes), trees (file lists), snapshot records
    .appforge/log                  the ref: one snapshot id per line, oldest first
    .appforge/lock                 exists while a process updates the log
    .appforge/gc                   changes each time gc removes objects

A save writes the blobs and the tree outside the lock (content-addressed, so concurrent saves
cannot conflict), fsyncs them, then under the lock writes the snapshot record (its parent is the
newest snapshot) and replaces the log atomically. The log replacement is the commit point: a
crash before it leaves only unreferenced objects, which ``verify`` accepts and ``gc`` removes.
"""

from __future__ import annotations

import builtins
import errno
import time
from contextlib import AbstractContextManager
from pathlib import Path

from appforge.store import files as project
from appforge.store.errors import StoreError, os_error
from appforge.store.lock import locked
from appforge.store.model import (
    FileEntry,
    GcResult,
    Problem,
    RestoreResult,
    Snapshot,
    SnapshotInfo,
    decode_snapshot,
    decode_tree,
    encode_snapshot,
    encode_tree,
)
from appforge.store.objects import HEX64, ObjectStore, fsync_dir, object_id, write_atomic
from appforge.store.safeio import NotRegularFile, read_regular
from appforge.store.statcache import Known, StatIndex

STORE_DIR = ".appforge"
MIN_PREFIX = 4
# One 65-byte line per snapshot: room for a million snapshots.
LOG_LIMIT = 1 << 26


class Store:
    """Snapshots of the project at ``project_root``."""

    def __init__(self, project_root: Path) -> None:
        self.root = Path(project_root)
        self.dir = self.root / STORE_DIR
        self.objects = ObjectStore(self.dir / "objects")
        self.log_path = self.dir / "log"
        self.lock_path = self.dir / "lock"
        #: Sentences worth showing the user (e.g. a stale lock was taken over).
        self.notices: list[str] = []

    # -- saving ---------------------------------------------------------------------------

    def save(self, message: str = "", meta: dict[str, object] | None = None) -> str:
        """Record the project's files as a snapshot; return its id (sha256 hex).

        Files the stat cache vouches for (unchanged since they were last hashed, see
        :mod:`.statcache`) are not read again; every other file is read and hashed.
        """
        if not (self.root / project.ENTRY).is_file():
            raise StoreError(f"no {project.ENTRY} in {self.root}",
                             "run this in a project folder or pass its path")
        index = StatIndex(self.dir / "index")
        items, stats = project.scan(self.root, index)
        files: dict[str, bytes] = {}
        known: dict[str, Known] = {}
        for rel, item in items.items():
            if isinstance(item, bytes):
                files[rel] = item
            elif self.objects.sound(item.blob) and self.objects.freshen(item.blob):
                known[rel] = item  # present, hash-checked, and kept from gc a while longer
            else:  # the cache names a blob the store lost or damaged: read the file after all
                files[rel] = self._read_vouched(rel, item, check=False)
        oid, blobs = self._commit(files, known, message, meta)
        for rel, data in files.items():
            if rel in stats:
                index.record(rel, stats[rel], blobs[rel], project.needs_parse(data))
        index.save()
        return oid

    def save_files(self, files: dict[str, bytes], message: str = "",
                   meta: dict[str, object] | None = None) -> str:
        """Record ``files`` (relative posix path -> bytes) as a snapshot of this project."""
        return self._commit(files, {}, message, meta)[0]

    def _read_vouched(self, rel: str, item: Known, check: bool = True) -> bytes:
        data = project.read_file(self.root, rel)
        if check and object_id(b"blob", data) != item.blob:
            raise StoreError(f"{rel} changed while it was being saved", "save again")
        return data

    def _commit(self, files: dict[str, bytes], known: dict[str, Known], message: str,
                meta: dict[str, object] | None) -> tuple[str, dict[str, str]]:
        """Store ``files``' blobs, a tree of them plus ``known`` (blobs already stored) and a
        snapshot record; return the snapshot id and each file's blob id."""
        for rel in [*files, *known]:
            try:
                project.check_rel(rel)
            except StoreError:
                raise StoreError(f"cannot record {rel!r}: the name is not a portable path "
                                 "(backslash, NUL or a '..' part)", "rename the file") from None
        self._ensure_dirs()
        gc_seen = self._gc_mark()
        names = sorted(files)
        contents = [files[rel] for rel in names]
        blobs = dict(zip(names, self.objects.write_blobs(contents), strict=True))
        entries = [FileEntry(rel, blob, len(files[rel])) for rel, blob in blobs.items()]
        entries += [FileEntry(rel, k.blob, k.size) for rel, k in known.items()]
        tree_bytes = encode_tree(entries)
        tree, _ = self.objects.write(b"tree", tree_bytes)
        try:
            self.objects.sync()
            with locked(self.lock_path, notice=self.notices):
                if self._gc_mark() != gc_seen:
                    # A gc ran since our objects were written (one told to keep nothing
                    # recent can drop them): write again whatever it removed.
                    self.objects.write_blobs(contents)
                    for rel, k in known.items():
                        if not self.objects.has(k.blob):
                            self.objects.write(b"blob", self._read_vouched(rel, k))
                    self.objects.write(b"tree", tree_bytes)
                    self.objects.sync()
                ids = self._log_ids()
                record = {"tree": tree, "parent": ids[-1] if ids else None,
                          "time": time.time(), "message": message, "meta": meta or {},
                          "files": len(entries), "size": sum(e.size for e in entries)}
                oid, _ = self.objects.write(b"snapshot", encode_snapshot(record))
                self.objects.sync()
                self._write_log([*ids, oid])
        except OSError as exc:
            raise os_error("save a snapshot", exc) from None
        finally:
            self._report_repairs()
        return oid, blobs

    def _report_repairs(self) -> None:
        for bad in self.objects.repaired:
            self.notices.append(f"object {bad[:12]} in the store was damaged; it was written "
                                "again from the files being saved")
        self.objects.repaired.clear()

    def _gc_mark(self) -> str:
        """The mark ``gc`` leaves each time it removes objects (empty before the first)."""
        try:
            return read_regular(self.dir / "gc", 4096).decode("ascii")
        except (OSError, UnicodeDecodeError):
            return ""

    def _ensure_dirs(self) -> None:
        created = not self.dir.is_dir()
        try:
            self.objects.root.mkdir(parents=True, exist_ok=True)
            if created:
                fsync_dir(self.root)  # the new .appforge entry itself must survive a crash
        except OSError as exc:
            if created and not self.dir.exists() and exc.errno in (errno.EACCES, errno.EPERM,
                                                                   errno.EROFS):
                # The store does not exist yet: it is the project folder that refuses it.
                raise StoreError(f"cannot create the store: the project folder {self.root} is "
                                 f"not writable ({(exc.strerror or str(exc)).lower()})",
                                 "check the permissions of the project folder") from None
            raise os_error(f"create the store in {self.dir}", exc) from None

    def _write_log(self, ids: list[str]) -> None:
        write_atomic(self.log_path, "".join(f"{i}\n" for i in ids).encode())

    # -- reading --------------------------------------------------------------------------

    def _log_lines(self) -> list[str]:
        try:
            raw = read_regular(self.log_path, LOG_LIMIT)
        except FileNotFoundError:
            return []
        except NotRegularFile as exc:  # a link to /dev/zero or a FIFO: never read it
            raise StoreError(f"cannot read the snapshot log {self.log_path}: it {exc.strerror}",
                             "the log must be a regular file; restore .appforge/ from a backup "
                             "or move the log away (its snapshots are then not listed)") from None
        except OSError as exc:
            raise StoreError(f"cannot read the snapshot log {self.log_path}: "
                             f"{exc.strerror or exc}", "check its permissions") from None
        # A damaged byte must not make the whole history unreadable: undecodable lines are
        # simply not ids (verify reports them).
        return raw.decode("ascii", "replace").splitlines()

    def _log_ids(self) -> list[str]:
        return [line for line in self._log_lines() if HEX64.match(line)]

    def resolve(self, prefix: str) -> str:
        """The full id of the snapshot named by a unique prefix (4+ hex chars) or ``latest``."""
        ids = self._log_ids()
        wanted = prefix.strip().lower()
        if wanted == "latest":
            if not ids:
                raise StoreError("there are no snapshots yet", "save one: appforge snapshot save")
            return ids[-1]
        if len(wanted) < MIN_PREFIX or any(c not in "0123456789abcdef" for c in wanted):
            raise StoreError(f"'{prefix}' is not a snapshot id",
                             f"give at least {MIN_PREFIX} hex characters of an id from "
                             "`appforge snapshot list`")
        found = sorted({i for i in ids if i.startswith(wanted)})
        if not found:
            raise StoreError(f"no snapshot starts with '{prefix}'",
                             "see `appforge snapshot list` for the ids")
        if len(found) > 1:
            shown = ", ".join(i[:12] for i in found[:5])
            raise StoreError(f"'{prefix}' is ambiguous: {len(found)} snapshots start with it "
                             f"({shown})", "give more characters of the id")
        return found[0]

    def info(self, oid: str) -> SnapshotInfo:
        """The record of snapshot ``oid`` (a full id), hash-checked."""
        return decode_snapshot(self.objects.read(oid, b"snapshot"), oid)

    def list(self) -> builtins.list[SnapshotInfo]:
        """Every snapshot, newest first; one whose record is damaged carries ``problem``."""
        out = []
        for oid in reversed(self._log_ids()):
            try:
                out.append(self.info(oid))
            except StoreError as exc:
                out.append(SnapshotInfo(id=oid, problem=exc.message))
        return out

    def entries(self, oid: str) -> builtins.list[FileEntry]:
        info = self.info(oid)
        return decode_tree(self.objects.read(info.tree, b"tree"), info.tree)

    def show(self, id: str) -> Snapshot:
        """A snapshot's record and file list (``id`` may be a prefix)."""
        oid = self.resolve(id)
        return Snapshot(self.info(oid), self.entries(oid))

    def read_files(self, id: str) -> dict[str, bytes]:
        """Every file of a snapshot, hash-checked, paths checked to stay inside a project."""
        oid = self.resolve(id)
        out = {}
        for entry in self.entries(oid):
            project.check_rel(entry.path)
            out[entry.path] = self.objects.read(entry.blob, b"blob")
        return out

    def materialize(self, id: str, dest: Path) -> None:
        """Write a snapshot's files into ``dest``, which must be empty or not exist yet."""
        files = self.read_files(id)
        dest = Path(dest)
        try:
            if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
                raise StoreError(f"{dest} is not an empty folder",
                                 "materialize writes into a new or empty folder")
            dest.mkdir(parents=True, exist_ok=True)
            for rel, data in files.items():
                target = project.safe_target(dest, rel)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        except OSError as exc:
            raise os_error(f"write the snapshot into {dest}", exc, in_store=False) from None

    # -- restore, verify, gc (in their own modules) --------------------------------------

    def restore(self, id: str, dry_run: bool = False) -> RestoreResult:
        """Make the working files those of snapshot ``id``; see :mod:`.restore`."""
        from appforge.store.restore import restore
        return restore(self, self.resolve(id), dry_run)

    def verify(self) -> builtins.list[Problem]:
        """Re-hash every object and follow every ref; the problems found (empty when sound)."""
        from appforge.store.maintenance import verify
        return verify(self)

    def gc(self, keep_recent: float = 3600.0) -> GcResult:
        """Drop objects no snapshot reaches, except those younger than ``keep_recent`` s."""
        from appforge.store.maintenance import gc
        return gc(self, keep_recent)

    def log_lines(self) -> builtins.list[str]:
        """The raw lines of the log (for verify)."""
        return self._log_lines()

    def log_ids(self) -> builtins.list[str]:
        """The snapshot ids of the log, oldest first (well-formed lines only)."""
        return self._log_ids()

    def locked(self) -> AbstractContextManager[None]:
        """The store's lock, as a context manager."""
        return locked(self.lock_path, notice=self.notices)


def now_stamp(ts: float) -> str:
    """A snapshot time as local ``YYYY-MM-DD HH:MM:SS``."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ts))
