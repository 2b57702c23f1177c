"""Promises 5 and 6: writes stay inside the output folder; builds are atomic and
deterministic."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from appforge.write import WriteError, check_tree, safe_relative, write_tree

ROOT = Path(__file__).parent.parent.parent


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", ["../evil", "/etc/passwd", "a/../../b", "a\\b", "", ".",
                                  "a//b", "a/./b", "nul\x00"])
def test_hostile_paths_are_refused_and_nothing_outside_changes(tmp_path: Path,
                                                               name: str) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    before = _snapshot(tmp_path)
    with pytest.raises(WriteError):
        safe_relative(name)
    with pytest.raises(WriteError):
        write_tree(tmp_path / "out", {"ok.txt": b"x", name: b"pwned"}, "web", "h")
    assert _snapshot(tmp_path) == before  # no output, no staging folder left behind


def test_write_replaces_the_whole_tree_and_lists_it(tmp_path: Path) -> None:
    out = tmp_path / "web"
    write_tree(out, {"a.txt": b"1", "sub/b.txt": b"2"}, "web", "h1")
    write_tree(out, {"a.txt": b"3"}, "web", "h2")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        ["a.txt", "build.json"]
    manifest = json.loads((out / "build.json").read_text())
    assert manifest["spec_hash"] == "h2"
    assert manifest["files"] == {"a.txt": hashlib.sha256(b"3").hexdigest()}
    assert check_tree(out, {"a.txt": b"3"}, "web", "h2") == []
    assert check_tree(out, {"a.txt": b"4", "c": b""}, "web", "h2") == [
        "differs: a.txt", "differs: build.json", "missing: c"]


def test_refuses_to_write_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "out").symlink_to(target)
    with pytest.raises(WriteError):
        write_tree(tmp_path / "out", {"a": b"x"}, "web", "h")
    assert list(target.iterdir()) == []


def _build(project: Path, out: Path, seed: str, tz: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz, "LC_ALL": "C.UTF-8"}
    subprocess.run([sys.executable, "-m", "appforge", "build", str(project), "--out", str(out),
                    "-q"], check=True, env=env, capture_output=True)


@pytest.mark.parametrize("example", ["expenses", "recipes", "bookshelf"])
def test_builds_are_byte_identical_whatever_the_hash_seed_and_time_zone(
        tmp_path: Path, example: str) -> None:
    project = ROOT / "examples" / example
    _build(project, tmp_path / "one", "1", "UTC")
    _build(project, tmp_path / "two", "4242", "Asia/Tokyo")
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_build(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # type: ignore[import-not-found]

    project = generate(tmp_path / "big", pages=60)
    out = tmp_path / "out"
    _build(project, out, "0", "UTC")
    good = _snapshot(out / "web")
    page = project / "pages" / "p001.yaml"
    page.write_text(page.read_text().replace("Section", "Changed"))
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0):
        proc = subprocess.Popen([sys.executable, "-m", "appforge", "build", str(project),
                                 "--out", str(out), "-q"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _snapshot(out / "web")
        manifest = json.loads((out / "web" / "build.json").read_text())
        # Either the old build or the new one, complete: every file matches the manifest.
        assert {k: v for k, v in now.items() if k != "build.json"} == manifest["files"]
        code = [{k: v for k, v in files.items() if k.startswith("app.") and k.endswith(".js")}
                for files in (now, good)]
        assert now == good or code[0] != code[1]


def test_never_replaces_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    own = tmp_path / "web"
    own.mkdir()
    (own / "index.html").write_text("my own site")
    before = _snapshot(tmp_path)
    with pytest.raises(WriteError, match="not an appforge build"):
        write_tree(own, {"a": b"x"}, "web", "h")
    (tmp_path / "file").write_text("a file where the folder goes")
    with pytest.raises(WriteError):
        write_tree(tmp_path / "file", {"a": b"x"}, "web", "h")
    assert _snapshot(tmp_path) == {**before, "file": hashlib.sha256(
        b"a file where the folder goes").hexdigest()}
    (tmp_path / "empty").mkdir()
    write_tree(tmp_path / "empty", {"a": b"x"}, "web", "h")  # an empty folder is fine
    write_tree(tmp_path / "empty", {"a": b"y"}, "web", "h")  # and then a build
    assert (tmp_path / "empty" / "a").read_bytes() == b"y"


def test_check_reads_nothing_through_a_symlink(tmp_path: Path) -> None:
    out = tmp_path / "web"
    write_tree(out, {"a.txt": b"1", "b.txt": b"2"}, "web", "h")
    secret = tmp_path / "secret"
    secret.write_bytes(b"2")
    (out / "b.txt").unlink()
    (out / "b.txt").symlink_to(secret)
    (tmp_path / "elsewhere").mkdir()
    (out / "sub").symlink_to(tmp_path / "elsewhere")
    assert check_tree(out, {"a.txt": b"1", "b.txt": b"2"}, "web", "h") == [
        "symlink: b.txt", "extra: sub"]


def test_an_output_folder_that_cannot_exist_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(WriteError, match="cannot create"):
        write_tree(tmp_path / "file" / "out" / "web", {"a": b"x"}, "web", "h")


def test_kept_entries_survive_a_rebuild_and_are_not_compared(tmp_path: Path) -> None:
    out = tmp_path / "mobile"
    write_tree(out, {"App.tsx": b"1"}, "mobile", "h1", keep=("node_modules",))
    (out / "node_modules" / "react").mkdir(parents=True)
    (out / "node_modules" / "react" / "index.js").write_text("installed by npm")
    write_tree(out, {"App.tsx": b"2"}, "mobile", "h2", keep=("node_modules",))
    assert (out / "App.tsx").read_bytes() == b"2"
    assert (out / "node_modules" / "react" / "index.js").read_text() == "installed by npm"
    assert check_tree(out, {"App.tsx": b"2"}, "mobile", "h2", keep=("node_modules",)) == []
    assert check_tree(out, {"App.tsx": b"2"}, "mobile", "h2") == [
        "extra: node_modules/react/index.js"]
