"""`appforge test --target mobile`: the shared examples' journeys on the Expo build exported
for the web (react-native-web in Chromium) and under jest with @testing-library/react-native;
a failing step is reported at its line by both; Maestro flows land in the build. One export
and one jest run per example (the export is the slow part)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appforge.journeys import run
from appforge.journeys.report import render_human
from appforge.journeys.runner import JourneyRun

pytestmark = [pytest.mark.npm, pytest.mark.browser]

HERE = Path(__file__).parent
SHARED = HERE.parent.parent.parent / "shared" / "examples"
WRONG = """journeys:
  - name: counts wrongly
    targets: [mobile]
    steps:
      - type: {into: new-task, text: Buy milk}
      - press: add
      - expect: {id: open-count, text: 5 open of 1}
"""


def _run(name: str, tmp_path: Path, node_modules: Path, extra: str | None = None) -> JourneyRun:
    """The example's journeys on mobile; ``tmp_path`` is the same path on every run (see
    ``same_path_each_run``), so jest's transform cache is used."""
    if not (SHARED / name).is_dir():
        pytest.skip(f"../shared/examples/{name} is not present")
    journeys = tmp_path / "journeys"
    shutil.copytree(HERE / name, journeys)
    if extra:
        (journeys / "wrong.journey.yaml").write_text(extra)
    return run(SHARED / name, targets=["mobile"], journeys_dir=journeys, out=tmp_path / "out",
               node_modules=node_modules)


def test_todo_on_mobile_and_native_with_a_failure(same_path_each_run: Path,
                                                  node_modules: Path) -> None:
    tmp_path = same_path_each_run
    result = _run("todo", tmp_path, node_modules, WRONG)
    assert result.problem is None, result.problem
    by = {(r.journey.name, r.target): r for r in result.results}
    for target in ("mobile", "native"):
        assert by[("add, tick, filter and restart", target)].passed, render_human(result)
        wrong = by[("counts wrongly", target)].failure
        assert wrong is not None and wrong.step is not None, render_human(result)
        assert wrong.where.endswith("wrong.journey.yaml:7:9"), render_human(result)
    mobile = by[("counts wrongly", "mobile")].failure
    assert mobile is not None and mobile.seen == "'1 open of 1'"
    assert mobile.screenshot is not None and mobile.screenshot.is_file()
    native = by[("counts wrongly", "native")].failure
    assert native is not None and "5 open of 1" in native.expected + native.seen
    # web-only journeys do not run on mobile; Maestro flows are written for the others
    assert ("the box empties, delete removes, back returns", "mobile") not in by
    flows = sorted(p.name for p in (tmp_path / "out" / "mobile" / ".maestro").iterdir())
    assert flows == ["todo-add-tick-filter-and-restart.yaml", "wrong-counts-wrongly.yaml"]
    assert {"export", "browser start", "steps", "jest"} <= set(result.timings)


@pytest.mark.parametrize("name", ["signup", "quotes"])
def test_shared_example_journeys_pass_on_mobile(name: str, same_path_each_run: Path,
                                                node_modules: Path) -> None:
    result = _run(name, same_path_each_run, node_modules)
    assert result.problem is None, result.problem
    assert result.ok, render_human(result)
    assert {r.target for r in result.results} == {"mobile", "native"}


def test_native_widgets_on_mobile_and_native(same_path_each_run: Path,
                                            node_modules: Path) -> None:
    """The picker keeps a number, the date input stores the ISO day and the list shows the
    source's rows: on the web export (DOM select and date input) and under jest."""
    project = HERE.parent / "mobile" / "jest" / "widgets"
    result = run(project, targets=["mobile"], journeys_dir=HERE / "widgets",
                 out=same_path_each_run / "out", node_modules=node_modules)
    assert result.problem is None, result.problem
    assert result.ok, render_human(result)
    assert {r.target for r in result.results} == {"mobile", "native"}


def test_missing_node_modules_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.delenv("APPFORGE_NODE_MODULES", raising=False)
    if not (SHARED / "todo").is_dir():
        pytest.skip("../shared/examples/todo is not present")
    result = run(SHARED / "todo", targets=["mobile"], journeys_dir=HERE / "todo",
                 out=tmp_path / "out")
    assert result.problem is not None and "npm" in result.problem
    assert result.exit_code == 2


def test_smoke_journeys_open_every_page_on_mobile_by_its_deep_link(
        same_path_each_run: Path, node_modules: Path) -> None:
    # quotes' detail page takes a param (/quote/:index): the export opens it by its path.
    if not (SHARED / "quotes").is_dir():
        pytest.skip("../shared/examples/quotes is not present")
    empty = same_path_each_run / "none"
    empty.mkdir()
    result = run(SHARED / "quotes", targets=["mobile"], journeys_dir=empty,
                 out=same_path_each_run / "out", node_modules=node_modules)
    assert result.problem is None, result.problem
    by = {(r.journey.name, r.target): r for r in result.results}
    assert set(by) == {("smoke: open home", "mobile"), ("smoke: open quote", "mobile")}
    assert result.ok, render_human(result)
