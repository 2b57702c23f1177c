"""`appforge build` with an output it cannot use: a clear message, exit 1 (2 for a usage
error), never a traceback, nothing written where it should not be."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app

runner = CliRunner()

SPEC = """appforge: 1
app: {name: Demo, id: com.example.demo}
pages:
  - id: home
    body:
      - {type: heading, text: Hello}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "appforge.yaml").write_text(SPEC)
    return root


@pytest.mark.parametrize("value", ["", " ", "\t", "  \n "])
def test_an_empty_out_is_a_usage_error_and_writes_nothing(
        project: Path, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    before = sorted(os.listdir(project))
    result = runner.invoke(app, ["build", ".", "--out", value])
    assert result.exit_code == 2, result.output
    assert "--out needs a folder" in result.output
    assert sorted(os.listdir(project)) == before  # no ./web, no ./build


def _setup_file(tmp: Path) -> str:
    (tmp / "afile").write_text("a file")
    return str(tmp / "afile")


def _own_site(tmp: Path) -> str:
    (tmp / "own" / "web").mkdir(parents=True)
    (tmp / "own" / "web" / "index.html").write_text("my own site")
    return str(tmp / "own")


@pytest.mark.parametrize(("make", "expected"), [
    (lambda t: _setup_file(t), "afile is a file, not a folder"),
    (lambda t: _setup_file(t) + "/deeper/still", "afile is a file, not a folder"),
    (lambda t: str(Path("/dev/null")), "is a file, not a folder"),
    (lambda t: _own_site(t), "is not an appforge build"),
    (lambda t: (t / "lk" / ".web.lock").mkdir(parents=True) or str(t / "lk"),
     "cannot lock"),
])
def test_an_unusable_output_is_a_located_error_exit_1(
        project: Path, tmp_path: Path, make: Callable[[Path], str], expected: str) -> None:
    out = make(tmp_path)
    result = runner.invoke(app, ["build", str(project), "--out", out])
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("fail", ["mkdtemp", "open_lock", "mkdir"])
def test_a_read_only_output_parent_is_a_clear_error(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str) -> None:
    """A read-only disk, simulated at each place the writer first touches it (the tests may
    run as root, who can write into a chmod 555 folder)."""
    import tempfile

    denied = OSError(errno.EROFS, "Read-only file system")

    def refuse(*args: object, **kwargs: object) -> None:
        raise denied

    real_open = os.open
    if fail == "mkdtemp":
        monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    elif fail == "open_lock":
        monkeypatch.setattr(os, "open", lambda p, *a, **k: refuse() if str(p).endswith(
            ".lock") else real_open(p, *a, **k))
    else:
        monkeypatch.setattr(Path, "mkdir", refuse)
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "ro" / "o")])
    assert result.exit_code == 1, result.output
    assert "Read-only file system" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_parent_for_real(project: Path, tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        result = runner.invoke(app, ["build", str(project), "--out", str(ro)])
        assert result.exit_code == 1 and "Permission denied" in result.output
        assert os.listdir(ro) == []
    finally:
        ro.chmod(0o755)
        shutil.rmtree(ro)
