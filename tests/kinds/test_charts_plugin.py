"""examples/plugins/appforge-charts, installed by pip as a user would: its bar_chart and its
percent() function validate (their expressions type-checked like a built-in's), build for both
targets and run in Chromium. The mobile build's type check is tests/mobile/test_charts_plugin.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from appforge.pipeline import build, check_project
from tests.kinds.plugin_fixture import CHARTS_SPEC, installed_charts


@pytest.fixture(scope="module")
def charts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with installed_charts(tmp_path_factory.mktemp("site")) as root:
        yield root


def _project(tmp_path: Path, spec: str = CHARTS_SPEC) -> Path:
    project = tmp_path / "app"
    project.mkdir()
    (project / "appforge.yaml").write_text(spec, encoding="utf-8")
    return project


def _errors(result: Any) -> list[str]:
    return [f"{d.code} {d.span.line}:{d.span.column}" for d in result.diagnostics if d.is_error]


def test_installed_with_its_entry_point(charts: Path) -> None:
    from appforge.kinds.component import component_kind

    kind = component_kind("bar_chart")
    assert kind is not None and sorted(kind.implementations) == ["mobile", "web"]
    assert list(charts.glob("appforge_charts-*.dist-info/entry_points.txt"))


def test_its_function_is_registered_with_its_code_for_both_targets(charts: Path) -> None:
    from appforge.kinds.function import functions

    kind = functions()["percent"]
    assert sorted(kind.implementations) == ["mobile", "web"]
    assert kind.evaluate is not None
    assert [kind.evaluate(1, 3), kind.evaluate(2, 0), kind.evaluate("50", 200)] == [33, 0, 25]
    assert next(charts.glob("appforge_charts-*.dist-info/entry_points.txt")).read_text() \
        .count("percent = appforge_charts.percent:KIND") == 1


def test_a_wrong_argument_to_its_function_is_located(charts: Path, tmp_path: Path) -> None:
    spec = CHARTS_SPEC.replace("'amount'), 200)", "'amount'), 'all')")
    result = check_project(_project(tmp_path, spec), targets=["web", "mobile"])
    errors = [(d.code, d.span.line, d.span.column, d.message)
              for d in result.diagnostics if d.is_error]
    line = spec.splitlines().index(next(t for t in spec.splitlines() if "percent(" in t)) + 1
    assert errors == [("E0302", line, 19, "percent() expects numbers, got string")], errors


def test_the_example_app_validates(charts: Path) -> None:
    from tests.kinds.plugin_fixture import CHARTS

    result = check_project(CHARTS / "example", targets=["web", "mobile"])
    assert not _errors(result), [str(d) for d in result.diagnostics]


def test_a_bar_value_is_type_checked(charts: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, CHARTS_SPEC.replace("{{ s.amount }}", "{{ s.category }}"))
    errors = _errors(check_project(project, targets=["web", "mobile"]))
    assert errors and errors[0].startswith("E03") and errors[0].endswith(" 25:20"), errors


@pytest.mark.browser
def test_bars_in_chromium(charts: Path, tmp_path: Path, web_page: Any, serve: Any) -> None:
    result = build(_project(tmp_path), ["web", "mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    page = web_page.page
    page.goto(serve(tmp_path / "out" / "web") + "/index.html")
    rows = web_page.testid("chart-item")
    assert rows.count() == 2
    assert rows.nth(1).locator(".bar-chart-label").text_content() == "Rent"
    widths = page.evaluate("() => [...document.querySelectorAll('.bar-chart-bar')]"
                           ".map(b => b.style.width)")
    assert widths == ["25%", "50%"]
    share = web_page.testid("share")
    assert share.text_content() == "75% of the budget"  # percent(150, 200), run in the page
    # One new element: the list grows by one bar.
    web_page.testid("add").click()
    page.wait_for_function("() => document.querySelectorAll('.bar-chart-bar').length === 3")
    assert share.text_content() == "175% of the budget"
    web_page.assert_clean()
