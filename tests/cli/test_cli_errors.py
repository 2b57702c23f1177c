"""Operating-system errors of the CLI's own commands are messages with an exit code, never a
traceback: a folder or a file where `schema --out` wants a file, a path it cannot write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app

runner = CliRunner()


@pytest.mark.parametrize("out", ["{tmp}", "{tmp}/sub", "", "."])
def test_schema_out_a_folder_is_a_usage_error(tmp_path: Path, out: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = runner.invoke(app, ["schema", "--out", out.format(tmp=tmp_path)])
    assert result.exit_code == 2, result.output
    assert "is a folder" in result.output and "appforge.schema.json" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("out, reason", [
    ("{tmp}/file/x.json", "file is a file, not a folder"),
    ("{tmp}/file/deeper/x.json", "file is a file, not a folder"),
    ("/proc/x.json", "cannot write /proc/x.json"),
    ("/proc/self/nothing/x.json", "cannot write"),
    ("{tmp}/locked/x.json", "cannot write"),
])
def test_schema_out_that_cannot_be_written(tmp_path: Path, out: str, reason: str) -> None:
    (tmp_path / "file").write_text("keep me\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if "locked" in out and os.access(locked, os.W_OK):
        pytest.skip("running as a user who can write anywhere")
    target = out.format(tmp=tmp_path)
    if target.startswith("/proc") and not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    try:
        proc = subprocess.run([sys.executable, "-m", "appforge", "schema", "--out", target],
                              capture_output=True, text=True, timeout=60)
    finally:
        locked.chmod(0o700)
    assert proc.returncode == 1, proc.stderr
    assert reason in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "file").read_text() == "keep me\n"


def test_schema_out_a_new_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path / "a" / "s.json")])
    assert result.exit_code == 0
    assert (tmp_path / "a" / "s.json").read_text().startswith("{")


@pytest.mark.parametrize("args", [["components", "\x1b]0;pwned\x07"],
                                  ["explain", "\x1b[2J\x9b"]])
def test_usage_errors_quote_arguments_escaped(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output
