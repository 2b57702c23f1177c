"""A function added by a plugin package alone (its module and its entry point, nothing in
appforge): the checker knows its signature and folds it, the web build ships it and it runs,
and the mobile build type-checks with it."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from appforge.checker import parser
from appforge.checker.expressions import ExpressionChecker, Located, Scope
from appforge.diagnostics import Diagnostic, SourceSpan
from appforge.kinds import registry
from appforge.kinds.function import clear_cache, functions
from appforge.pipeline import build, check_project
from tests.conftest import split_app_js
from tests.mobile.conftest import node_modules  # noqa: F401  (a fixture)

PLUGIN = '''
"""clamp(x, low, high): x kept between low and high."""

from appforge.ir import NUMBER
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, is_any


def check(args, lits, models):
    for t in args:
        if not (is_any(t) or t.is_number):
            return f"expects numbers, got {t}"
    return NUMBER


def evaluate(x, low, high):
    return min(max(v.to_num(x), v.to_num(low)), v.to_num(high))


KIND = FunctionKind(
    "clamp", "clamp(x, low, high)", "x kept between low and high.", 3, 3, check, evaluate,
    {"web": Implementation(
        "F.clamp = function (x, lo, hi) { return Math.min(Math.max(num(x), num(lo)), num(hi)); };"),
     "mobile": Implementation(
        "clamp: (x: Value, lo: Value, hi: Value): number =>\\n"
        "  Math.min(Math.max(num(x), num(lo)), num(hi)),", ("num",))},
    example="{{ clamp(state.volume, 0, 10) }}")

#: A function with web code only: the mobile target lacks it.
SHOUT = FunctionKind(
    "shout", "shout(text)", "The text in capitals, with a !.", 1, 1,
    lambda args, lits, models: args[0], None,
    {"web": Implementation("F.shout = function (t) { return str(t).toUpperCase() + '!'; };")})
'''

SPEC = {
    "appforge": 1,
    "app": {"name": "Clamp", "id": "com.example.clamp"},
    "state": {"volume": {"type": "integer", "default": 14}},
    "pages": [{"id": "home", "path": "/", "title": "Home", "body": [
        {"type": "text", "id": "level", "text": "{{ clamp(state.volume, 0, 10) }}"},
        {"type": "text", "id": "folded", "text": "{{ clamp(-3, 0, 10) }}"},
    ]}],
}


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site"
    (site / "appforge_clamp").mkdir(parents=True)
    (site / "appforge_clamp" / "__init__.py").write_text(textwrap.dedent(PLUGIN))
    info = site / "appforge_clamp-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: appforge-clamp\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[appforge.functions]\nclamp = appforge_clamp:KIND\n"
                                             "shout = appforge_clamp:SHOUT\n")
    monkeypatch.syspath_prepend(str(site))
    clear_cache()
    yield site
    monkeypatch.undo()
    clear_cache()


def _project(tmp_path: Path, spec: dict[str, object]) -> Path:
    project = tmp_path / "app"
    project.mkdir()
    (project / "appforge.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return project


def test_the_plugin_registers(plugin: Path) -> None:
    assert "clamp" in functions()
    assert registry.entry_point_values(registry.FUNCTIONS)["clamp"] == "appforge_clamp:KIND"
    assert "len" in functions()  # the built-ins are still there


def test_the_checker_checks_and_folds_it(plugin: Path) -> None:
    diags: list[Diagnostic] = []
    checker = ExpressionChecker(Scope({}, {}, frozenset(), {}), diags)
    where = Located(SourceSpan("appforge.yaml", 3, 9, 3, 30), None)
    folded = checker.check(parser.parse_expression("clamp(-3, 0, 10)"), where, set())
    assert getattr(folded, "value", None) == 0 and not diags
    checker.check(parser.parse_expression("clamp('a', 0, 10)"), where, set())
    checker.check(parser.parse_expression("clamp(1)"), where, set())
    assert [(d.code, d.message) for d in diags] == [
        ("E0302", "clamp() expects numbers, got string"),
        ("E0302", "clamp() takes 3 arguments, got 1")]


def test_a_wrong_call_is_located(plugin: Path, tmp_path: Path) -> None:
    spec = {**SPEC, "pages": [{"id": "home", "path": "/", "title": "Home", "body": [
        {"type": "text", "text": "{{ clamp('loud', 0, 10) }}"}]}]}
    project = _project(tmp_path, spec)
    lines = (project / "appforge.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "clamp(" in text)
    result = check_project(project)
    errors = [d for d in result.diagnostics if d.is_error]
    assert [(d.code, d.span.line, d.span.column) for d in errors] == [("E0302", line, 11)], \
        [str(d) for d in errors]


def test_the_web_build_ships_and_runs_it(plugin: Path, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = build(_project(tmp_path, SPEC), ["web"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    app_js = next((tmp_path / "out" / "web").glob("app*.js")).read_text()
    runtime, code = split_app_js(app_js)
    assert "F.clamp(R.g(\"volume\"), 0, 10)" in code
    assert "clamp(-3" not in code  # a call on constants is folded at build time
    script = tmp_path / "run.js"
    script.write_text("var window = globalThis;\n" + runtime +
                      "console.log(JSON.stringify([window.AppForge.fn.clamp(14, 0, 10),"
                      " window.AppForge.fn.clamp('-2', 0, 10)]));\n")
    proc = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[10,0]"


def test_an_app_that_does_not_call_it_does_not_ship_it(plugin: Path, tmp_path: Path) -> None:
    spec = {**SPEC, "pages": [{"id": "home", "path": "/", "title": "Home", "body": [
        {"type": "text", "text": "{{ len('abc' + str(state.volume)) }}"}]}]}
    result = build(_project(tmp_path, spec), ["web", "mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    assert "F.clamp" not in next((tmp_path / "out" / "web").glob("app*.js")).read_text()
    functions_ts = (tmp_path / "out" / "mobile" / "src" / "runtime" / "functions.ts").read_text()
    assert "clamp" not in functions_ts and "len:" in functions_ts


def test_validate_asks_the_targets_about_functions(plugin: Path, tmp_path: Path) -> None:
    """A web-only function: validate --target mobile gives E0111 at the call, naming the
    target (not a build's E0900 later); --target web is fine; build agrees."""
    from typer.testing import CliRunner

    from appforge.cli import app as cli

    spec = {**SPEC, "pages": [{"id": "home", "path": "/", "title": "Home", "body": [
        {"type": "text", "text": "Hi"},
        {"type": "text", "id": "loud", "text": "{{ shout(str(state.volume)) }}"}]}]}
    project = _project(tmp_path, spec)
    lines = (project / "appforge.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "shout(" in text)
    column = lines[line - 1].index("shout(") + 1
    runner = CliRunner()
    web = runner.invoke(cli, ["validate", str(project), "--target", "web"])
    assert web.exit_code == 0, web.output
    mobile = runner.invoke(cli, ["validate", str(project), "--target", "mobile"])
    assert mobile.exit_code == 1, mobile.output
    assert f"appforge.yaml:{line}:{column}" in mobile.output, mobile.output
    assert "E0111" in mobile.output and \
        "the mobile target does not support the function 'shout'" in mobile.output
    assert "--target web" in mobile.output  # the hint names where it is implemented
    built = build(project, ["web", "mobile"], tmp_path / "out")
    errors = [(d.code, d.span.line, d.span.column) for d in built.diagnostics if d.is_error]
    assert errors == [("E0111", line, column)], [str(d) for d in built.diagnostics]
    assert (tmp_path / "out" / "web" / "index.html").is_file()


@pytest.mark.npm
def test_the_mobile_build_type_checks(plugin: Path, tmp_path: Path,
                                      node_modules: Path) -> None:  # noqa: F811
    result = build(_project(tmp_path, SPEC), ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    assert "clamp: (x: Value" in (mobile / "src" / "runtime" / "functions.ts").read_text()
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
