"""The app of tests/web/test_js_names.py ("__proto__", "constructor", "toString" as page ids,
state keys, model fields, source names and route parameters) as a mobile project: one screen
per page, and it type-checks strictly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from appforge.pipeline import build
from tests.web.test_js_names import SPEC


@pytest.mark.npm
def test_the_mobile_project_type_checks(tmp_path: Path, node_modules: Path) -> None:
    project = tmp_path / "names"
    project.mkdir()
    (project / "appforge.yaml").write_text(SPEC)
    result = build(project, ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    app_ts = (mobile / "src" / "app.ts").read_text()
    assert '["__proto__"]:' in app_ts and '"__proto__":' not in app_ts.replace(
        '["__proto__"]:', "")
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    screens = sorted(p.name for p in (mobile / "src" / "screens").iterdir())
    assert len(screens) == 5, screens
