"""`appforge test` on the web build, through the library API and the command: the examples'
journeys pass, a failing step is reported where a person can act on it, the generated smoke
journeys run axe-core in the page, and a missing browser is a message, not a traceback."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.journeys import run
from appforge.journeys.report import junit_xml, render_github, render_human
from appforge.journeys.runner import JourneyRun

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent.parent
HERE = Path(__file__).parent
SHARED = ROOT.parent / "shared" / "examples"


def _project(name: str) -> tuple[Path, Path | None]:
    if (HERE / name).is_dir():
        if not (SHARED / name).is_dir():
            pytest.skip(f"../shared/examples/{name} is not present")
        return SHARED / name, HERE / name
    return ROOT / "examples" / name, None


def _passed(result: JourneyRun) -> None:
    assert result.problem is None, result.problem
    assert not [d for d in result.diagnostics if d.is_error], [str(d) for d in result.diagnostics]
    assert result.results, "no journey ran"
    assert result.ok, render_human(result)


@pytest.mark.parametrize("name", ["todo", "signup", "quotes", "expenses", "recipes",
                                  "bookshelf"])
def test_example_journeys_pass_on_web(name: str, tmp_path: Path) -> None:
    project, journeys = _project(name)
    result = run(project, targets=["web"], journeys_dir=journeys, out=tmp_path)
    _passed(result)
    assert {r.target for r in result.results} == {"web"}


def test_journeys_run_beside_a_running_sync_playwright(tmp_path: Path, chromium: object) -> None:
    """The test session's own browser (a sync Playwright in this thread) is running: run()
    must still work, as it must in a notebook whose asyncio loop is running."""
    import asyncio

    asyncio.get_running_loop()  # the situation under test: a loop runs in this thread
    project, journeys = _project("todo")
    _passed(run(project, targets=["web"], journeys_dir=journeys, out=tmp_path))


@pytest.fixture(scope="module")
def failing(tmp_path_factory: pytest.TempPathFactory) -> JourneyRun:
    project, _ = _project("todo")
    folder = tmp_path_factory.mktemp("journeys")
    (folder / "wrong.journey.yaml").write_text(
        "journeys:\n"
        "  - name: counts wrongly\n"
        "    steps:\n"
        "      - type: {into: new-task, text: Buy milk}\n"
        "      - press: add\n"
        "      - expect: {id: open-count, text: 5 open of 1}\n"
        "  - name: passes\n"
        "    steps:\n"
        "      - expect: {id: open-count, text: 0 open of 0}\n")
    return run(project, targets=["web"], journeys_dir=folder,
               out=tmp_path_factory.mktemp("out"), timeout=2000)


def test_failure_names_the_step_expected_seen_screenshot(failing: JourneyRun) -> None:
    assert not failing.ok and failing.exit_code == 1
    bad = next(r for r in failing.results if not r.passed)
    assert bad.journey.name == "counts wrongly"
    failure = bad.failure
    assert failure is not None and failure.step is not None
    assert failure.where.endswith("wrong.journey.yaml:6:9")
    assert failure.expected == "text '5 open of 1'"
    assert failure.seen == "'1 open of 1'"
    assert failure.screenshot is not None and failure.screenshot.stat().st_size > 1000
    text = render_human(failing)
    assert "FAIL web" in text and "PASS web" in text
    assert "- expect: {id: open-count, text: 5 open of 1}" in text  # the code frame
    assert "1 passed, 1 failed" in text


def test_failure_as_github_annotation_and_junit(failing: JourneyRun) -> None:
    annotation = render_github(failing)
    assert annotation.startswith("::error file=")
    # GitHub escapes ":" in a property as %3A (the runner gives it back as ":")
    assert ",line=6,col=9,title=journey failed on web%3A counts wrongly::" in annotation
    suites = ET.fromstring(junit_xml(failing))
    cases = suites.findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == ["counts wrongly", "passes"]
    failure = cases[0].find("failure")
    assert failure is not None and "wrong.journey.yaml:6:9" in (failure.get("message") or "")
    assert cases[1].find("failure") is None


def test_command_exit_codes_json_and_junit(tmp_path: Path) -> None:
    project, journeys = _project("todo")
    junit = tmp_path / "junit.xml"
    result = CliRunner().invoke(app, ["test", str(project), "--target", "web", "--journeys",
                                      str(journeys), "--out", str(tmp_path / "out"), "--json",
                                      "-k", "back returns", "--junit", str(junit)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert [r["journey"] for r in data["results"]] == ["the box empties, delete removes, back returns"]
    assert set(data["timings"]) >= {"build", "browser start", "steps"}
    assert ET.parse(junit).getroot().find("testsuite").get("tests") == "1"  # type: ignore[union-attr]
    usage = CliRunner().invoke(app, ["test", str(project), "--target", "desktop"])
    assert usage.exit_code == 2
    nothing = CliRunner().invoke(app, ["test", str(project), "--journeys", str(journeys),
                                       "-k", "no such journey", "--out", str(tmp_path / "o")])
    assert nothing.exit_code == 2 and "no journey matches -k" in nothing.output


def test_journey_errors_stop_before_building(tmp_path: Path) -> None:
    case = HERE / "cases" / "unknown_id"
    result = CliRunner().invoke(app, ["test", str(case), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "tests/case.journey.yaml:4:16: error[E0602]" in result.output
    assert not (tmp_path / "web").exists()


def test_smoke_journeys_open_every_page_and_run_axe(tmp_path: Path) -> None:
    project, _ = _project("quotes")
    empty = tmp_path / "none"
    empty.mkdir()
    result = run(project, targets=["web"], journeys_dir=empty, out=tmp_path / "out")
    _passed(result)
    assert sorted(r.journey.name for r in result.results) == ["smoke: open home",
                                                             "smoke: open quote"]


def test_smoke_journeys_fail_on_an_accessibility_violation(tmp_path: Path) -> None:
    spec = (HERE / "cases" / "unknown_id" / "appforge.yaml").read_text()
    # An image whose alt text is empty: axe's image-alt rule (WCAG 1.1.1).
    spec = spec.replace("      - {type: text, id: about-text, text: A shop.}",
                        "      - {type: image, id: logo, src: 'https://example.com/a.png', "
                        "alt: ' '}")
    (tmp_path / "appforge.yaml").write_text(spec)
    result = run(tmp_path, targets=["web"], out=tmp_path / "out")
    about = next(r for r in result.results if r.journey.name == "smoke: open about")
    assert about.failure is not None, render_human(result)
    assert "accessibility" in about.failure.expected
    assert "image-alt" in about.failure.seen or "role-img-alt" in about.failure.seen


def test_missing_chromium_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPFORGE_CHROMIUM", str(tmp_path / "no-chromium"))
    project, journeys = _project("todo")
    result = CliRunner().invoke(app, ["test", str(project), "--target", "web", "--journeys",
                                      str(journeys), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "APPFORGE_CHROMIUM" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_node_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no node, no npm
    project, journeys = _project("todo")
    result = CliRunner().invoke(app, ["test", str(project), "--target", "mobile",
                                      "--journeys", str(journeys), "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Node.js is not installed" in result.output and "Traceback" not in result.output


def test_mock_points_a_source_at_a_test_server(tmp_path: Path) -> None:
    from tests.conftest import Api

    project, _ = _project("quotes")
    api = Api()
    api.routes[("GET", "/quotes")] = (200, {"quotes": [
        {"id": 3, "quote": "From the test server", "author": "Api"}]})
    try:
        folder = tmp_path / "journeys"
        folder.mkdir()
        (folder / "server.journey.yaml").write_text(
            "journeys:\n"
            "  - name: a real server\n"
            "    steps:\n"
            f"      - mock: {{source: quotes, url: '{api.url}'}}\n"
            "      - wait_for: quotes\n"
            "      - expect: {id: quotes-item, count: 1}\n"
            "      - expect_text: From the test server\n")
        result = run(project, targets=["web"], journeys_dir=folder, out=tmp_path / "out")
    finally:
        api.close()
    _passed(result)
    assert ("GET", "/quotes", None) in api.requests


def test_the_page_reports_console_errors_and_csp_violations() -> None:
    """What fails a journey besides its steps: the page's console errors, uncaught errors and
    Content-Security-Policy violations (a failed request's own line does not count)."""
    from appforge.journeys.browser import Browser, StaticServer, outside_event_loop

    def check() -> None:
        folder = Path(__file__).parent / "cases" / "unknown_id"  # any folder to serve
        server = StaticServer(folder)
        browser = Browser()
        try:
            page = browser.new_page()
            page.page.route("**/csp.html", lambda route: route.fulfill(
                content_type="text/html",
                headers={"Content-Security-Policy": "script-src 'none'"},
                body="<html><body><script>1</script><img src='/missing.png'></body></html>"))
            page.page.goto(server.url + "csp.html")
            page.page.evaluate("console.error('boom'); setTimeout(() => { throw new Error('bad') })")
            page.page.wait_for_timeout(300)
            errors = "\n".join(page.errors)
            assert "CSP violation: script-src" in errors
            assert "console error: boom" in errors and "page error: bad" in errors
            assert "Failed to load resource" not in errors
            assert any("Failed to load resource" in line for line in page.console)
            page.close()
        finally:
            browser.close()
            server.close()

    outside_event_loop(check)  # beside the session's own browser, as appforge test runs


def test_web_journeys_run_when_node_is_missing(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil as sh

    chromium = sh.which("chromium") or "/usr/bin/chromium"
    monkeypatch.setenv("APPFORGE_CHROMIUM", chromium)
    monkeypatch.setenv("PATH", str(tmp_path))  # no node
    project, journeys = _project("todo")
    result = run(project, targets=["web", "mobile"], journeys_dir=journeys, out=tmp_path / "o")
    assert result.problem is not None and "Node.js is not installed" in result.problem
    assert result.results and all(r.passed and r.target == "web" for r in result.results)
    assert result.exit_code == 2
