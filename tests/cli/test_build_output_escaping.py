"""`appforge build` prints paths from the command line and the spec escaped: a terminal shows
them literally and never acts on a control sequence in them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.cli.output import terminal_safe

SPEC = "appforge: 1\napp: {name: T, id: com.example.t}\npages: [{id: home, body: []}]\n"


@pytest.mark.parametrize("sequence", ["\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\x07"])
@pytest.mark.parametrize("extra", [[], ["--check"], ["--verbose"]])
def test_build_output_has_no_raw_control_sequence(tmp_path: Path, sequence: str,
                                                  extra: list[str]) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "appforge.yaml").write_text(SPEC)
    out = tmp_path / f"out{sequence}dir"
    runner = CliRunner()
    if extra == ["--check"]:
        runner.invoke(app, ["build", str(project), "--target", "web", "--out", str(out)])
    result = runner.invoke(app, ["build", str(project), "--target", "web", "--out", str(out),
                                 *extra], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert sequence not in result.output and "\x1b" not in result.output
    assert terminal_safe(str(out)) in result.output  # the path, shown escaped
