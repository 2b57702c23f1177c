"""The mobile build of an app using examples/plugins/appforge-charts (installed by pip): its
bar_chart and its percent() function type-check strictly, and the mobile web export
(`expo export --platform web`, react-native-web) draws the bars and redraws them in Chromium."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from appforge.journeys.mobile import export_web, link_node_modules
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


@pytest.mark.browser
def test_charts_plugin_on_the_mobile_web_export(tmp_path: Path, node_modules: Path,
                                                web_page: Any, serve: Any) -> None:
    project = tmp_path / "app"
    project.mkdir()
    (project / "appforge.yaml").write_text(CHARTS_SPEC, encoding="utf-8")
    with installed_charts(tmp_path / "site"):
        result = build(project, ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    link_node_modules(mobile, node_modules)
    site = export_web(mobile, tmp_path / "export")  # one export: the slow part
    page = web_page.page
    page.goto(serve(site) + "/index.html")
    rows = web_page.testid("chart-item")
    rows.first.wait_for()
    assert rows.count() == 2
    assert "Rent" in rows.nth(1).inner_text()
    share = web_page.testid("share")
    assert share.inner_text() == "75% of the budget"  # the plugin's percent(), in the bundle
    web_page.testid("add").click()  # one more element: one more bar, and the share follows
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"chart-item\"]').length === 3")
    assert "Fun" in rows.nth(2).inner_text()
    assert share.inner_text() == "175% of the budget"
    # The export has no favicon (its 404 is the only failed load the journeys' browser also
    # forgives); the app itself logs no error.
    errors = [e for e in web_page.errors if "Failed to load resource" not in e]
    assert errors == [] and web_page.dialogs == [], (errors, web_page.dialogs)
