"""The plugin component of tests/kinds/test_plugin_component.py (its widget is
src/components/Badge.tsx, its node rendered by its own template), and every built-in
component, type-check in the mobile build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from appforge.pipeline import build
from tests.kinds.plugin_fixture import installed_plugin
from tests.kinds.test_plugin_component import SPEC

pytestmark = pytest.mark.npm


def test_plugin_component_type_checks_on_mobile(tmp_path: Path, node_modules: Path) -> None:
    project = tmp_path / "app"
    project.mkdir()
    (project / "appforge.yaml").write_text(SPEC, encoding="utf-8")
    with installed_plugin(tmp_path / "site"):
        result = build(project, ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_every_built_in_component_type_checks(tmp_path: Path, node_modules: Path) -> None:
    from tests.kinds.test_builtin_components import ALL_COMPONENTS

    project = tmp_path / "app"
    project.mkdir()
    (project / "appforge.yaml").write_text(ALL_COMPONENTS, encoding="utf-8")
    result = build(project, ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
