"""A component added by its folder alone, in a plugin package: it validates, builds and renders
on both targets; a target it has no implementation for is an E0111 at the component's own
place, from validate as from build (never an E0900 from the renderer). The mobile build's
type check is tests/mobile/test_plugin_component.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from appforge.pipeline import build, check_project
from tests.kinds.plugin_fixture import installed_plugin

SPEC = """appforge: 1
app:
  name: Badges
  id: dev.appforge.badges
state:
  count: {type: integer, default: 3}
pages:
  - id: home
    title: Home
    body:
      - type: badge
        id: news
        text: "{{ state.count }} new"
        tone: warn
      - type: button
        id: more
        label: More
        on_click: [{action: set, target: state.count, value: "{{ state.count + 1 }}"}]
"""


@pytest.fixture
def plugin(tmp_path: Path) -> Iterator[Path]:
    with installed_plugin(tmp_path / "site") as root:
        yield root


def _project(tmp_path: Path, spec: str = SPEC) -> Path:
    project = tmp_path / "app"
    project.mkdir(exist_ok=True)
    (project / "appforge.yaml").write_text(spec, encoding="utf-8")
    return project


def _errors(result: Any) -> list[str]:
    return [f"{d.code} {d.span.line}:{d.span.column} {d.message}" for d in result.diagnostics
            if d.is_error]


def test_plugin_component_validates_and_builds_for_both_targets(plugin: Path,
                                                               tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert _errors(check_project(project, targets=["web", "mobile"])) == []
    result = build(project, ["web", "mobile"], tmp_path / "out")
    assert result.ok, _errors(result)
    web = tmp_path / "out" / "web"
    app_js = next(web.glob("app*.js")).read_text()
    assert '"badge badge-"' in app_js and '"chip"' not in app_js  # only the kinds used ship
    assert ".badge-warn" in next(web.glob("app*.css")).read_text()
    mobile = tmp_path / "out" / "mobile"
    assert (mobile / "src" / "components" / "Badge.tsx").is_file()
    assert 'export { Badge } from "./Badge";' in \
        (mobile / "src" / "components" / "index.ts").read_text()
    assert '<C.Badge testID={"news"} text={R.str(' in \
        (mobile / "src" / "screens" / "HomeScreen.tsx").read_text()


def test_an_expression_on_a_plugin_prop_is_type_checked(plugin: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, SPEC.replace("{{ state.count }} new", "{{ state.nope }}"))
    errors = _errors(check_project(project, targets=["web"]))
    assert errors and errors[0].startswith("E0203 13:25 unknown state key"), errors


def test_a_target_without_the_kind_is_reported_where_the_component_is(plugin: Path,
                                                                       tmp_path: Path) -> None:
    spec = SPEC.replace("      - type: badge\n", "      - type: chip\n        text: hi\n"
                        "      - type: badge\n")
    project = _project(tmp_path, spec)
    assert _errors(check_project(project, targets=["web"])) == []
    expected = ["E0111 11:9 the mobile target does not support component 'chip'"]
    assert _errors(check_project(project, targets=["web", "mobile"])) == expected
    # build agrees with validate: the same diagnostic, and nothing written
    result = build(project, ["mobile"], tmp_path / "out")
    assert _errors(result) == expected and result.outputs == []


def test_a_legacy_model_only_component_validates_but_no_target_supports_it(
        plugin: Path, tmp_path: Path) -> None:
    spec = SPEC.replace("      - type: badge\n", "      - type: stamp\n        text: ok\n"
                        "      - type: badge\n")
    project = _project(tmp_path, spec)
    assert _errors(check_project(project)) == []  # no target asked: the spec itself is fine
    assert sorted(_errors(check_project(project, targets=["web", "mobile"]))) == [
        "E0111 11:9 the mobile target does not support component 'stamp'",
        "E0111 11:9 the web target does not support component 'stamp'"]


def test_validate_command_reports_the_unsupported_target(plugin: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from appforge.cli import app

    spec = SPEC.replace("      - type: badge\n", "      - type: chip\n        text: hi\n"
                        "      - type: badge\n")
    project = _project(tmp_path, spec)
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(project), "--target", "web"])
    assert ok.exit_code == 0, ok.output
    failed = runner.invoke(app, ["validate", str(project)])
    assert failed.exit_code == 1
    assert "appforge.yaml:11:9" in failed.output and "E0111" in failed.output
    assert "mobile target" in failed.output


@pytest.mark.browser
def test_plugin_component_renders_in_chromium(plugin: Path, tmp_path: Path, web_page: Any,
                                             serve: Any) -> None:
    project = _project(tmp_path)
    result = build(project, ["web"], tmp_path / "out")
    assert result.ok, _errors(result)
    page = web_page.page
    page.goto(serve(tmp_path / "out" / "web") + "/index.html")
    badge = web_page.testid("news")
    assert badge.text_content() == "3 new"
    assert badge.evaluate("e => e.className") == "badge badge-warn"
    web_page.testid("more").click()
    page.wait_for_function("() => document.querySelector('[data-testid=news]').textContent"
                           " === '4 new'")
    web_page.assert_clean()
