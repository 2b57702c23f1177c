"""The README's examples are real: its spec validates, and the walkthrough's error is exact."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from appforge.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text()


def test_intro_spec_is_valid(tmp_path: Path) -> None:
    spec = re.search(r"```yaml\n(.*?)```", README, re.S)
    assert spec is not None
    (tmp_path / "appforge.yaml").write_text(spec.group(1))
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_walkthrough_error_is_what_appforge_prints(tmp_path: Path) -> None:
    spec = re.search(r"<<'YAML'\n(.*?)YAML\n", README, re.S)
    shown = re.search(r"appforge answers with the place, the code and a fix:\n\n```\n(.*?)```",
                      README, re.S)
    assert spec is not None and shown is not None
    (tmp_path / "appforge.yaml").write_text(spec.group(1))
    result = CliRunner().invoke(app, ["validate", str(tmp_path)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert shown.group(1).strip() in result.output
