"""Two builds to one output never leave a mix: they serialize on the output's lock, a live
build's staging folder is never removed, a dead build's is."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from appforge.write import WriteError, lock_path, write_tree

ROOT = Path(__file__).parent.parent.parent


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _complete(out: Path) -> dict[str, object]:
    """The build in ``out``, after checking every file is the manifest's and nothing else."""
    manifest = json.loads((out / "build.json").read_text())
    on_disk = {k: v for k, v in _files(out).items() if k != "build.json"}
    assert on_disk == manifest["files"]
    return dict(manifest)


@pytest.fixture(scope="module")
def two_projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # type: ignore[import-not-found]

    base = tmp_path_factory.mktemp("concurrent")
    first = generate(base / "a", pages=100)
    second = base / "b"
    shutil.copytree(first, second)
    for page in (second / "pages").glob("*.yaml"):  # every screen file differs
        page.write_text(page.read_text().replace("Section", "Other"))
    return first, second


@pytest.mark.parametrize("target", ["mobile", "web"])
def test_concurrent_builds_to_one_output_leave_one_complete_build(
        tmp_path: Path, two_projects: tuple[Path, Path], target: str) -> None:
    out = tmp_path / "out"
    projects = [two_projects[i % 2] for i in range(4)]
    procs = []
    for project in projects:  # started a fraction of a second apart, as in the issue
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "appforge", "build", str(project), "-t", target,
             "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        time.sleep(0.1)
    results = [(p.wait(timeout=600), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    manifest = _complete(out / target)
    assert manifest["target"] == target
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no staging, no lock
    # A later build succeeds and is complete too.
    proc = subprocess.run([sys.executable, "-m", "appforge", "build", str(projects[0]), "-t",
                           target, "--out", str(out), "-q"], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    _complete(out / target)


@pytest.mark.parametrize("leftover", [".web.tmp-abc123", ".web.tmp-", ".web.tmp-x/deep/er"])
def test_a_dead_builds_staging_folder_is_removed(tmp_path: Path, leftover: str) -> None:
    out = tmp_path / "web"
    write_tree(out, {"a.txt": b"1"}, "web", "h")
    stale = tmp_path / leftover
    stale.mkdir(parents=True)
    (stale / "half.js").write_text("half written by a killed build")
    write_tree(out, {"a.txt": b"2"}, "web", "h")
    assert not (tmp_path / leftover.split("/")[0]).exists()
    assert (out / "a.txt").read_bytes() == b"2"
    _complete(out)


def _hold_lock(out: Path) -> int:
    """Take the output's lock as a live build does (another open file: it conflicts)."""
    fd = os.open(lock_path(out), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.pwrite(fd, b"4242\n", 0)
    return fd


def test_a_live_builds_staging_folder_is_never_removed(tmp_path: Path) -> None:
    out = tmp_path / "web"
    write_tree(out, {"a.txt": b"1"}, "web", "h")
    fd = _hold_lock(out)
    live = tmp_path / ".web.tmp-live"
    live.mkdir()
    (live / "page.js").write_text("being written")
    messages: list[str] = []
    try:
        with pytest.raises(WriteError, match=r"another appforge build \(pid 4242\)"):
            write_tree(out, {"a.txt": b"2"}, "web", "h", on_wait=messages.append,
                       timeout=0.5)
        assert (live / "page.js").read_text() == "being written"
        assert (out / "a.txt").read_bytes() == b"1"
        assert len(messages) == 1 and "waiting for another appforge build" in messages[0]
    finally:
        os.close(fd)


def test_a_waiting_build_goes_on_when_the_other_finishes(tmp_path: Path) -> None:
    out = tmp_path / "web"
    fd = _hold_lock(out)
    done: list[object] = []
    thread = threading.Thread(target=lambda: done.append(
        write_tree(out, {"a.txt": b"second"}, "web", "h", timeout=30)))
    thread.start()
    time.sleep(0.3)
    assert not out.exists() and not done  # still waiting
    os.close(fd)  # the first build ends (a kill releases it the same way)
    thread.join(timeout=30)
    assert done and (out / "a.txt").read_bytes() == b"second"
    _complete(out)


def test_a_lock_held_by_a_killed_process_is_released(tmp_path: Path) -> None:
    out = tmp_path / "web"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; "
         "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); "
         "print('locked', flush=True); time.sleep(600)", str(lock_path(out))],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    holder.kill()
    holder.wait()
    write_tree(out, {"a.txt": b"x"}, "web", "h", timeout=5)
    _complete(out)


def test_a_killed_builds_staging_folder_is_recovered_by_the_next_build(
        tmp_path: Path, two_projects: tuple[Path, Path]) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "appforge", "build", str(two_projects[0]), "-t", "mobile",
               "--out", str(out), "-q"]
    subprocess.run(command, check=True, timeout=600)
    before = _complete(out / "mobile")
    proc = subprocess.Popen([*command[:4], str(two_projects[1]), *command[5:]])
    deadline = time.monotonic() + 300
    while not list(out.glob(".mobile.tmp-*")) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.kill()  # in the middle of writing its staging folder
    proc.wait()
    assert _complete(out / "mobile") == before  # the previous build, whole
    subprocess.run(command, check=True, timeout=600)
    _complete(out / "mobile")
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
