"""The mobile build of an app using examples/plugins/appforge-charts (installed by pip): its
bar_chart and its percent() function, type-checked strictly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from appforge.pipeline import build
from tests.kinds.plugin_fixture import CHARTS_SPEC, installed_charts

pytestmark = pytest.mark.npm


def test_charts_plugin_type_checks_on_mobile(tmp_path: Path, node_modules: Path) -> None:
    project = tmp_path / "app"
    project.mkdir()
    (project / "appforge.yaml").write_text(CHARTS_SPEC, encoding="utf-8")
    with installed_charts(tmp_path / "site"):
        result = build(project, ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    assert (mobile / "src" / "components" / "BarChart.tsx").is_file()
    # The plugin's percent() function ships in the runtime's F, and its call type-checks.
    assert "percent: (part: Value" in (mobile / "src" / "runtime" / "functions.ts").read_text()
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
