"""Disk full, read-only store, a file in the way, stale and foreign locks: clear errors."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.store import Store, StoreError
from appforge.store import lock as lock_module


def _failing_write(code: int):  # type: ignore[no-untyped-def]
    real = os.write

    def write(fd: int, data: bytes) -> int:
        # Fail writes into the store only; everything else (pytest's capture) works.
        if os.readlink(f"/proc/self/fd/{fd}").find("/.appforge/") >= 0:
            raise OSError(code, os.strerror(code))
        return real(fd, data)
    return write


@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "the disk is full"),
                                            (errno.EROFS, "the store is read-only")])
def test_disk_full_or_read_only_store_is_a_clear_error(project: Path, code: int, said: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(project)
    first = store.save("before")
    (project / "pages/home.yaml").write_text("pages: []\n")
    with monkeypatch.context() as m:
        m.setattr(os, "write", _failing_write(code))
        with pytest.raises(StoreError, match=said) as exc:
            store.save("during")
        result = CliRunner().invoke(app, ["snapshot", "save", str(project)])
    assert exc.value.hint
    assert result.exit_code == 1
    assert said in result.output and "Traceback" not in result.output
    # Nothing half-written: no temp files, the history is as it was, verify passes.
    assert list((project / ".appforge").rglob(".tmp-*")) == []
    assert [i.id for i in store.list()] == [first] and store.verify() == []


def test_open_refused_by_a_read_only_file_system(project: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.open

    def refuse(path: str | os.PathLike[str], flags: int, *a: int, **k: object) -> int:
        if "/.appforge/" in os.fspath(path) and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", os.fspath(path))
        return real(path, flags, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(StoreError, match="read-only"):
        Store(project).save()


def test_store_folder_that_is_a_file(project: Path) -> None:
    (project / ".appforge").write_text("oops")
    with pytest.raises(StoreError, match="a file is in the way"):
        Store(project).save()
    result = CliRunner().invoke(app, ["snapshot", "list", "-p", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_stale_lock_from_a_dead_process_is_taken_over_and_explained(project: Path) -> None:
    store = Store(project)
    store.save()
    pid = _dead_pid()
    lock = project / ".appforge" / "lock"
    lock.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "time": time.time()}))
    store.save("after the crash")
    assert store.list()[0].message == "after the crash"
    assert store.notices == [f"took over a stale lock (process {pid} that took it no longer "
                             "exists)"]
    assert not lock.exists()


def test_a_lock_held_on_another_host_is_explained_not_broken(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(project)
    store.save()
    lock = project / ".appforge" / "lock"
    lock.write_text(json.dumps({"pid": 1, "host": "build-box-7", "time": 0}))
    monkeypatch.setattr(lock_module, "TIMEOUT", 0.2)
    with pytest.raises(StoreError, match="locked by process 1 on build-box-7") as exc:
        store.save()
    assert str(lock) in exc.value.hint
    assert lock.exists() and len(store.list()) == 1


def test_a_live_lock_holder_is_waited_for(project: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(project)
    store.save()
    lock = project / ".appforge" / "lock"
    # This very process is alive: its lock is never stale.
    lock.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                "started": lock_module._start_time(os.getpid()), "time": 0}))
    monkeypatch.setattr(lock_module, "TIMEOUT", 0.2)
    with pytest.raises(StoreError, match=f"locked by process {os.getpid()}"):
        store.save()
    lock.unlink()
    store.save()
    assert len(store.list()) == 2
