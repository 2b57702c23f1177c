"""Hostile file system states around the store (issue 11, items 18, 19, 25, 26).

- File names that are not UTF-8 under ``assets/`` and ``data/`` are saved and restored byte
  for byte, and printed escaped (never a UnicodeEncodeError).
- A store file (log, lock, index, gc mark, an object) that is a link to ``/dev/zero``, a FIFO
  or a folder is never read: a clear error or a repair, never a hang or a traceback.
- A permission problem names the path that has it and the system's reason; only a problem
  inside ``.appforge`` is "the store is read-only".
- ``snapshot`` commands given no project (a missing folder, a file, a folder without
  ``appforge.yaml`` or a store) exit 2 with a message, never an empty success.
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.store import Store, StoreError

runner = CliRunner()


@contextmanager
def deadline(seconds: int = 20) -> Iterator[None]:
    """Fail (instead of hanging the run) if the block takes longer than ``seconds``."""
    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s: it hangs")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def cli(*args: str) -> tuple[int, str]:
    with deadline():
        result = runner.invoke(app, ["snapshot", *args])
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, (UnicodeError, OSError, TimeoutError)), \
        result.exception
    return result.exit_code, result.output


# -- names that are not UTF-8 -----------------------------------------------------------------

BAD_NAMES = [b"assets/caf\xe9.png", b"data/\xff\xfe.json", b"assets/a\x80b/c\xc3(.svg",
             b"data/ok-\xed\xa0\x80.json", b"assets/\xe9t\xe9/\xe0.png"]


@pytest.mark.parametrize("name", BAD_NAMES, ids=repr)
def test_names_that_are_not_utf8_round_trip(project: Path, name: bytes) -> None:
    path = os.path.join(os.fsencode(project), name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(b"content of " + name)
    code, out = cli("save", str(project), "-m", "with a strange name")
    assert code == 0, out
    first = Store(project).resolve("latest")
    code, out = cli("show", "latest", "-p", str(project))
    assert code == 0 and "\\x" in out  # shown escaped
    code, out = cli("show", "latest", "-p", str(project), "--json")
    assert code == 0
    os.unlink(path)
    (project / "pages/home.yaml").write_text("pages: []\n")
    code, out = cli("diff", first[:8], "-p", str(project))
    assert code == 0, out
    code, out = cli("restore", first[:8], "-p", str(project), "--yes")
    assert code == 0, out
    with open(path, "rb") as handle:  # the very same bytes, under the very same name
        assert handle.read() == b"content of " + name
    assert Store(project).verify() == []


def test_a_message_that_is_not_utf8(project: Path) -> None:
    message = os.fsdecode(b"caf\xe9 \x1b]0;title\x07")
    oid = Store(project).save(message)
    assert Store(project).info(oid).message == message
    code, out = cli("list", "-p", str(project))
    assert code == 0 and "caf\\xe9" in out and "\x1b" not in out


# -- store files that are not regular files ---------------------------------------------------

def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


MAKERS: dict[str, Callable[[Path], None]] = {"a FIFO": _fifo, "a link to /dev/zero": _zero,
                                              "a folder": _folder}


@pytest.mark.parametrize("what", list(MAKERS))
def test_a_log_that_is_not_a_file_is_an_error_not_a_hang(project: Path, what: str) -> None:
    Store(project).save()
    MAKERS[what](project / ".appforge" / "log")
    for args in (["list"], ["save"], ["verify"], ["show", "latest"], ["gc"],
                 ["restore", "latest", "--yes"]):
        code, out = cli(*args, "-p", str(project))
        assert code == 1, (args, out)
        assert "snapshot log" in out and "hint:" in out, (args, out)


@pytest.mark.parametrize("what", list(MAKERS))
def test_a_lock_that_is_not_a_file_is_an_error_not_a_hang(project: Path, what: str) -> None:
    Store(project).save()
    MAKERS[what](project / ".appforge" / "lock")
    code, out = cli("save", "-p", str(project))
    assert code == 1 and "lock" in out and "hint:" in out


@pytest.mark.parametrize("name", ["index", "gc"])
@pytest.mark.parametrize("what", ["a FIFO", "a link to /dev/zero"])
def test_a_cache_or_mark_that_is_not_a_file_is_ignored(project: Path, name: str,
                                                       what: str) -> None:
    store = Store(project)
    store.save()
    MAKERS[what](project / ".appforge" / name)
    code, out = cli("save", "-p", str(project))
    assert code == 0, out
    assert cli("verify", "-p", str(project))[0] == 0


@pytest.mark.parametrize("what", list(MAKERS))
def test_an_object_that_is_not_a_file_is_found_and_repaired(project: Path, what: str) -> None:
    store = Store(project)
    oid = store.save()
    MAKERS[what](store.objects.path(store.info(oid).tree))
    code, out = cli("verify", "-p", str(project))
    assert code == 1 and "corrupt" in out
    code, out = cli("list", "-p", str(project))
    assert code == 0
    if what != "a folder":  # a folder cannot be replaced by a file: the save says so
        code, out = cli("save", "-p", str(project))
        assert code == 0 and "written again" in out
        assert cli("verify", "-p", str(project))[0] == 0


@pytest.mark.parametrize("what", ["a FIFO", "a link to /dev/zero"])
def test_a_project_file_swapped_for_a_fifo_is_not_read(project: Path, what: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the scan's lstat and the read, a page becomes a FIFO: an error, no hang."""
    from appforge.store import files

    real = files._Scan.take

    def swap(self: files._Scan, rel: str) -> object:
        if rel == "pages/home.yaml" and rel not in self.files:
            os.lstat(self.root / rel)
            self.stats[rel] = os.lstat(self.root / rel)
            MAKERS[what](self.root / rel)
        return real(self, rel)
    monkeypatch.setattr(files._Scan, "take", swap)
    with deadline(), pytest.raises(StoreError, match=r"pages/home\.yaml"):
        Store(project).save()


# -- permissions: name the real culprit -------------------------------------------------------

def _refuse(monkeypatch: pytest.MonkeyPatch, matches: Callable[[str, int], bool]) -> None:
    """Make ``os.open`` and ``os.mkdir`` fail with EACCES for the paths ``matches`` picks (the
    tests run as root, where chmod would not stop anything)."""
    real_open, real_mkdir = os.open, os.mkdir

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if matches(os.fsdecode(path), flags):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if matches(os.fsdecode(path), os.O_CREAT):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        real_mkdir(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)


@pytest.mark.parametrize("page", ["pages/home.yaml", "data/tasks.json", "assets/logo.png"])
def test_an_unreadable_file_is_named(project: Path, page: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse(monkeypatch, lambda path, flags: path.endswith(page))
    code, out = cli("save", str(project))
    assert code == 1
    assert page in out and "permission denied" in out.lower()
    assert "store is read-only" not in out


def test_a_read_only_project_folder_is_named(project: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse(monkeypatch, lambda path, flags: path.endswith("/.appforge"))
    code, out = cli("save", str(project))
    assert code == 1
    assert "project folder" in out and str(project) in out and "not writable" in out
    assert "store is read-only" not in out


@pytest.mark.parametrize("folder", ["pages", "data", ""])
def test_a_read_only_project_folder_on_restore_is_named(project: Path, folder: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(project)
    first = store.save()
    for rel in ("pages/home.yaml", "data/tasks.json", "appforge.yaml"):
        (project / rel).write_bytes((project / rel).read_bytes() + b"\n# edited\n")
    store.save()
    where = str(project / folder).rstrip("/") + "/.tmp-"
    _refuse(monkeypatch, lambda path, flags: path.startswith(where) and "/" not in
            path[len(where):] and bool(flags & os.O_CREAT))
    code, out = cli("restore", first[:8], "-p", str(project), "--yes")
    assert code == 1
    assert "permission denied" in out.lower() and str(project / folder).rstrip("/") in out
    assert "store is read-only" not in out


# -- no project -------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["list"], ["verify"], ["gc"], ["show", "latest"],
                                     ["diff", "latest"], ["restore", "latest", "--yes"],
                                     ["save"]])
@pytest.mark.parametrize("where", ["missing", "a file", "an empty folder", "a plain folder"])
def test_no_project_is_a_usage_error(tmp_path: Path, command: list[str], where: str) -> None:
    path = tmp_path / "x"
    if where == "a file":
        path.write_text("hello")
    elif where != "missing":
        path.mkdir()
        if where == "a plain folder":
            (path / "notes.yaml").write_text("a: 1\n")
    before = sorted(tmp_path.rglob("*"))
    code, out = cli(*command, "--path", str(path))
    assert code == 2, out
    assert "error:" in out.lower() and "no snapshots yet" not in out
    assert sorted(tmp_path.rglob("*")) == before  # nothing created (no .appforge)


def test_a_store_without_its_spec_is_still_a_project(project: Path) -> None:
    """The spec deleted by mistake: list and restore still work, to get it back."""
    oid = Store(project).save()
    (project / "appforge.yaml").unlink()
    code, out = cli("list", "-p", str(project))
    assert code == 0 and oid[:12] in out
    code, out = cli("restore", oid[:8], "-p", str(project), "--yes")
    assert code == 0 and (project / "appforge.yaml").is_file()
