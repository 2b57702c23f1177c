"""Content-addressed objects: ``objects/ab/cdef...``, zlib-compressed, named by sha256.

An object is ``b"<kind> <size>\\0" + content`` (the git layout): the name is the sha256 of those
bytes, so the name also vouches for the kind and the length. Writes go to a temporary file in
the object's own folder, are fsync'ed and renamed into place; the folders are fsync'ed by the
caller once per batch (:meth:`ObjectStore.sync`), before anything refers to the new objects.
Every read re-hashes the content: a corrupt object is an error, never silently wrong data.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from appforge.store.errors import StoreError, os_error
from appforge.store.safeio import NotRegularFile, read_regular

KINDS = (b"blob", b"tree", b"snapshot")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
# Level 1: specs compress about as well as at level 6 and save faster (see the decision record).
COMPRESSION = 1
# The largest object content read back (a project file); an object file is at most about that.
MAX_OBJECT = 1 << 30
# "<kind> <size>\0" fits in this many bytes for every size up to MAX_OBJECT.
HEADER_MAX = 32


def object_id(kind: bytes, content: bytes) -> str:
    """The id (sha256 hex) an object of this kind and content has."""
    h = hashlib.sha256(b"%s %d\0" % (kind, len(content)))
    h.update(content)
    return h.hexdigest()


class CorruptObject(Exception):
    """An object file that does not hold what its name promises; ``kind`` names the damage."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def decode(oid: str, raw: bytes) -> tuple[bytes, bytes]:
    """Decompress and check one object file's bytes; return (kind, content).

    Decompression is bounded by the size the header promises (and :data:`MAX_OBJECT`), so a
    damaged or forged object cannot inflate into gigabytes before it is found out.
    """
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, HEADER_MAX)
        head, sep, _ = data.partition(b"\0")
        size_text = head.partition(b" ")[2]
        limit = MAX_OBJECT + HEADER_MAX
        if sep and size_text.isdigit() and len(size_text) < 12 and int(size_text) <= MAX_OBJECT:
            limit = len(head) + 1 + int(size_text) + 1  # one byte more reveals a longer one
        if not inflater.eof and inflater.unconsumed_tail:
            data += inflater.decompress(inflater.unconsumed_tail, max(1, limit - len(data)))
    except zlib.error as exc:
        raise CorruptObject("corrupt", f"does not decompress ({exc})") from None
    if not inflater.eof:
        if inflater.unconsumed_tail:
            raise CorruptObject("corrupt", "it holds more than its header says")
        raise CorruptObject("truncated", "the compressed stream ends early")
    if inflater.unused_data:
        raise CorruptObject("trailing-garbage",
                            f"{len(inflater.unused_data)} extra bytes after the object")
    head, sep, content = data.partition(b"\0")
    kind, _, size = head.partition(b" ")
    if not sep or kind not in KINDS or not size.isdigit():
        raise CorruptObject("corrupt", "the object header is damaged")
    if int(size) != len(content):
        raise CorruptObject("truncated", f"holds {len(content)} of {int(size)} bytes")
    if object_id(kind, content) != oid:
        raise CorruptObject("corrupt", "its content does not match its name (sha256)")
    return kind, content


class ObjectStore:
    """The ``objects/`` folder of a store."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._prefix = f"{root}/"
        self._dirty_dirs: set[Path] = set()
        #: Ids of damaged objects found while reusing them (each was then written again).
        self.repaired: list[str] = []

    def path(self, oid: str) -> Path:
        return self.root / oid[:2] / oid[2:]

    def has(self, oid: str) -> bool:
        return self.path(oid).is_file()

    def write(self, kind: bytes, content: bytes) -> tuple[str, bool]:
        """Store an object unless present; return (id, whether it was newly written)."""
        oid = object_id(kind, content)
        if self.sound(oid) and self.freshen(oid):
            return oid, False
        self._store(oid, kind, content)
        return oid, True

    def write_blobs(self, contents: list[bytes]) -> list[str]:
        """Store many blobs; return their ids in order.

        New blobs are written by a few threads: each write ends in an fsync, which waits on the
        disk with the GIL released, and disks serve several flushes at once (300 new files:
        about 4x faster than one after the other on the benchmark machine).
        """
        ids = [object_id(b"blob", c) for c in contents]
        new = {oid: c for oid, c in zip(ids, contents, strict=True)
               if not (self.sound(oid) and self.freshen(oid))}
        if len(new) < 8:
            for oid, content in new.items():
                self._store(oid, b"blob", content)
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=8) as pool:
                list(pool.map(lambda item: self._store(item[0], b"blob", item[1]), new.items()))
        return ids

    def sound(self, oid: str) -> bool:
        """True if object ``oid`` is present and its bytes still hash to its id.

        A save that would reuse an object checks it first (git trusts an existing object; a
        flipped bit would then be referenced by every later snapshot). A damaged one is
        reported in :attr:`repaired` and False is returned, so the caller writes it again from
        the content it holds.
        """
        try:
            decode(oid, read_regular(self.path(oid), MAX_OBJECT + HEADER_MAX))
        except FileNotFoundError:
            return False
        except (CorruptObject, NotRegularFile):
            if oid not in self.repaired:
                self.repaired.append(oid)
            return False
        except OSError as exc:
            raise os_error(f"read object {oid[:12]}", exc) from None
        return True

    def freshen(self, oid: str) -> bool:
        """True if the object exists; its time is then refreshed, so that a concurrent ``gc``
        (which keeps recent objects) cannot drop it before the new snapshot refers to it."""
        try:
            os.utime(f"{self._prefix}{oid[:2]}/{oid[2:]}")  # a plain string: this is hot
            return True
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise os_error("write to the store", exc) from None

    def _store(self, oid: str, kind: bytes, content: bytes) -> None:
        final = self.path(oid)
        folder = final.parent
        try:
            if not folder.is_dir():
                folder.mkdir(parents=True, exist_ok=True)
                self._dirty_dirs.add(self.root)
            header = b"%s %d\0" % (kind, len(content))
            packed = zlib.compress(header + content, COMPRESSION)
            write_atomic(final, packed, sync_dir=False)
        except OSError as exc:
            raise os_error("write to the store", exc) from None
        self._dirty_dirs.add(folder)

    def sync(self) -> None:
        """fsync every folder that gained an entry since the last call (one fsync per folder)."""
        for folder in sorted(self._dirty_dirs, key=lambda p: len(p.parts), reverse=True):
            fsync_dir(folder)
        self._dirty_dirs.clear()

    def read(self, oid: str, expect: bytes | None = None) -> bytes:
        """The content of object ``oid``, checked against its hash (and kind, if given)."""
        if not HEX64.match(oid):
            raise StoreError(f"'{oid}' is not an object id")
        try:
            raw = read_regular(self.path(oid), MAX_OBJECT + HEADER_MAX)
        except FileNotFoundError:
            raise StoreError(f"object {oid[:12]} is missing from the store",
                             "run `appforge snapshot verify` to see what is damaged") from None
        except NotRegularFile as exc:
            raise StoreError(f"object {oid[:12]} is damaged: it {exc.strerror}",
                             "run `appforge snapshot verify` to see what is damaged") from None
        except OSError as exc:
            raise os_error(f"read object {oid[:12]}", exc) from None
        try:
            kind, content = decode(oid, raw)
        except CorruptObject as exc:
            raise StoreError(f"object {oid[:12]} is {exc.kind.replace('-', ' ')}: {exc.detail}",
                             "run `appforge snapshot verify` to see what is damaged") from None
        if expect is not None and kind != expect:
            raise StoreError(f"object {oid[:12]} is a {kind.decode()}, not a {expect.decode()}")
        return content

    def all_ids(self) -> Iterator[str]:
        """Every object id present (by file name), unsorted."""
        if not self.root.is_dir():
            return
        for fan in os.scandir(self.root):
            if len(fan.name) != 2 or not fan.is_dir():
                continue
            for entry in os.scandir(fan.path):
                oid = fan.name + entry.name
                if HEX64.match(oid):
                    yield oid


def write_atomic(final: Path, data: bytes, sync_dir: bool = True,
                 mode: int | None = None, durable: bool = True) -> None:
    """Write ``data`` to ``final``: temp file in the same folder, fsync, rename (, fsync folder).

    ``mode`` sets the new file's permission bits (default: 0o644 less the umask);
    ``durable=False`` skips the fsync (for caches, which may be lost).
    """
    tmp = final.parent / f".tmp-{final.name[:16]}-{os.getpid()}-{os.urandom(4).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync_dir:
        fsync_dir(final.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
