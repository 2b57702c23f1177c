"""The stat cache: unchanged files are not read again, and no edit is ever missed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appforge.store import Store, statcache
from appforge.store import files as files_module


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The project files read from disk, in order."""
    seen: list[str] = []
    real = files_module.read_file

    def spy(root: Path, rel: str) -> bytes:
        seen.append(rel)
        return real(root, rel)
    monkeypatch.setattr(files_module, "read_file", spy)
    return seen


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (instead of after two quiet seconds)."""
    monkeypatch.setattr(statcache, "QUIET_NS", 0)


def test_an_unchanged_settled_file_is_not_read_again(project: Path, settled: None,
                                                     reads: list[str]) -> None:
    store = Store(project)
    first = store.save()
    reads.clear()
    second = store.save()
    # Only the entry file is read (it holds `include`, so it is parsed to follow the globs).
    assert reads == ["appforge.yaml"]
    assert store.info(second).tree == store.info(first).tree


def test_files_hashed_while_they_were_changing_are_not_trusted(project: Path,
                                                               reads: list[str]) -> None:
    store = Store(project)
    store.save()  # the fixture's files were written just now: within the quiet period
    reads.clear()
    store.save()
    assert sorted(reads) == ["appforge.yaml", "assets/logo.png", "data/tasks.json",
                             "pages/home.yaml"]


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(project: Path, settled: None) -> None:
    store = Store(project)
    store.save()
    home = project / "pages/home.yaml"
    before = home.stat()
    edited = home.read_bytes().replace(b"first", b"FIRST")
    home.write_bytes(edited)
    os.utime(home, ns=(before.st_atime_ns, before.st_mtime_ns))  # hide the edit's mtime
    assert home.stat().st_size == before.st_size
    assert home.stat().st_mtime_ns == before.st_mtime_ns
    oid = store.save()
    assert store.read_files(oid)["pages/home.yaml"] == edited  # ctime gave it away


def test_a_damaged_cache_is_ignored(project: Path, settled: None) -> None:
    store = Store(project)
    store.save()
    (project / ".appforge" / "index").write_bytes(b"\x00garbage{")
    (project / "data/tasks.json").write_text("[]")
    oid = store.save()
    assert store.read_files(oid)["data/tasks.json"] == b"[]" and store.verify() == []


def test_a_cached_blob_the_store_lost_is_written_again(project: Path, settled: None) -> None:
    store = Store(project)
    first = store.save()
    blob = next(e.blob for e in store.show(first).entries if e.path == "data/tasks.json")
    store.objects.path(blob).unlink()
    oid = store.save()
    assert store.objects.has(blob)
    assert store.read_files(oid)["data/tasks.json"] == (project / "data/tasks.json").read_bytes()


def test_a_removed_file_drops_out_of_the_snapshot(project: Path, settled: None) -> None:
    store = Store(project)
    store.save()
    (project / "data/tasks.json").unlink()
    oid = store.save()
    assert "data/tasks.json" not in store.read_files(oid)
