"""A bounded fuzz over store states (issue 11): random edits, saves, restores, gc and damage
to objects, the log, the index, the lock and the gc mark (bit flips, truncation, garbage,
deletion, a FIFO, a link to /dev/zero, a folder).

Whatever the state, every operation returns or raises a StoreError (never another exception,
never a hang); a save that returns an id holds exactly the files it was given; a restore that
returns has first saved every file it changed or removed, and one that fails changed nothing.
The budget is small (a few seconds) so CI can run it every time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_specs import HOME, TODO

from appforge.store import Store, StoreError, lock
from appforge.store.files import project_files

FILES = ["pages/home.yaml", "pages/draft.yaml", "data/tasks.json", "assets/logo.bin"]
CONTENTS = st.sampled_from([HOME.encode(), b"pages: [\n", b"", b"\x00\xff\xfe", b"[1, 2]",
                            HOME.replace("home", "draft").encode()])
DAMAGE = st.sampled_from(["flip", "truncate", "garbage", "delete", "fifo", "zero", "folder"])
TARGET = st.one_of(st.tuples(st.just("object"), st.integers(0, 200)),
                   st.tuples(st.sampled_from(["log", "index", "lock", "gc"]), st.just(0)))
OPS = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(FILES), CONTENTS),
    st.tuples(st.just("remove"), st.sampled_from(FILES)),
    st.tuples(st.just("damage"), TARGET, DAMAGE, st.floats(0, 1)),
    st.tuples(st.just("save")),
    st.tuples(st.just("restore"), st.integers(0, 5)),
    st.tuples(st.just("verify")),
    st.tuples(st.just("gc")),
), min_size=1, max_size=10)


def _disk(root: Path) -> dict[str, bytes]:
    out = {}
    for current, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".appforge"]
        for name in files:
            path = Path(current, name)
            if path.is_file() and not path.is_symlink():
                out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def _copies(store: Store) -> dict[str, set[bytes]]:
    found: dict[str, set[bytes]] = {}
    try:
        infos = store.list()
    except StoreError:
        return found
    for info in infos:
        try:
            files = store.read_files(info.id)
        except StoreError:
            continue  # a damaged snapshot vouches for nothing
        for rel, data in files.items():
            found.setdefault(rel, set()).add(data)
    return found


def _damage(store: Store, target: tuple[str, int], how: str, at: float) -> None:
    if target[0] == "object":
        ids = sorted(store.objects.all_ids())
        if not ids:
            return
        path = store.objects.path(ids[target[1] % len(ids)])
    else:
        path = store.dir / target[0]
    if not store.dir.is_dir():
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    raw = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    if how in ("delete", "fifo", "zero", "folder") or how == "garbage":
        path.unlink(missing_ok=True)
    if how == "flip" and raw:
        i = int(at * (len(raw) - 1))
        path.write_bytes(raw[:i] + bytes([raw[i] ^ 0x10]) + raw[i + 1:])
    elif how == "truncate":
        path.write_bytes(raw[: int(at * len(raw))])
    elif how == "garbage":
        path.write_bytes(raw + b"\x00garbage\xff")
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "zero":
        path.symlink_to("/dev/zero")
    elif how == "folder":
        path.mkdir()


def _expired(signum: int, frame: Any) -> None:
    raise TimeoutError("a store operation hangs")


# STORE_FUZZ_EXAMPLES=2000 runs a longer, random search locally; CI runs the fixed small one.
LONG = int(os.environ.get("STORE_FUZZ_EXAMPLES", "0"))


@settings(max_examples=LONG or 20, deadline=None, derandomize=not LONG,
          suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_store_operations_on_any_state_never_traceback_or_lose(ops: list[tuple[Any, ...]]
                                                               ) -> None:
    saved_timeout, saved_fsync = lock.TIMEOUT, os.fsync
    lock.TIMEOUT = 0.1  # a lock file left by the damage is "held": do not wait a minute
    os.fsync = lambda fd: None  # durability is not what this tests; flushes cost the budget
    old = signal.signal(signal.SIGALRM, _expired)
    tmp = Path(tempfile.mkdtemp(prefix="store-fuzz-"))
    try:
        root = tmp / "proj"
        for rel, data in {"appforge.yaml": TODO.encode(), "pages/home.yaml": HOME.encode(),
                          "data/tasks.json": b"[]", "assets/logo.bin": b"\x89PNG"}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        store = Store(root)
        acknowledged = [store.save("first")]
        for op in ops:
            signal.alarm(20)
            _run(store, root, op, acknowledged)
            signal.alarm(0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        lock.TIMEOUT, os.fsync = saved_timeout, saved_fsync
        shutil.rmtree(tmp, ignore_errors=True)


def _run(store: Store, root: Path, op: tuple[Any, ...], acknowledged: list[str]) -> None:
    kind = op[0]
    if kind == "edit":
        (root / op[1]).parent.mkdir(parents=True, exist_ok=True)
        (root / op[1]).write_bytes(op[2])
    elif kind == "remove":
        (root / op[1]).unlink(missing_ok=True)
    elif kind == "damage":
        _damage(store, op[1], op[2], op[3])
    elif kind == "save":
        expected = project_files(root)
        try:
            oid = store.save("fuzz")
        except StoreError:
            return
        acknowledged.append(oid)
        # Acknowledged means stored: every file reads back (hash-checked) as it was given.
        assert store.read_files(oid) == expected
    elif kind == "restore":
        before = _disk(root)
        try:
            store.restore(acknowledged[op[1] % len(acknowledged)])
        except StoreError:
            assert _disk(root) == before  # a refused restore changed nothing
            return
        after, copies = _disk(root), _copies(store)
        for rel, data in before.items():
            if after.get(rel) != data:
                assert data in copies.get(rel, set()), f"restore lost {rel}"
    elif kind == "verify":
        with contextlib.suppress(StoreError):  # an unreadable log is a StoreError
            store.verify()
    elif kind == "gc":
        with contextlib.suppress(StoreError):
            store.gc(keep_recent=0)
