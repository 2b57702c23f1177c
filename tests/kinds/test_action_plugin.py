"""An action added by its folder only, in a plugin package that is nothing but that folder and
its metadata (entry point ``appforge.actions``): it validates, builds and runs on the web
(Chromium) and type-checks on mobile (tsc). A web-only action is refused for mobile by validate
and build alike (E0111, at the action)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

KIND = '''
"""``increment``: add a number to a numeric path (a plugin's action)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import check_target
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import Number, SpecModel


class IncrementAction(SpecModel):
    """Add a number to a numeric path."""

    action: Literal["increment"]
    target: str = Field(description="A number path.")
    by: Number = Field(default=1, description="How much to add.")


@dataclass(frozen=True, slots=True)
class IncrementNode:
    target: ir.Target
    by: float
    span: SourceSpan
    kind: Literal["increment"] = "increment"


def check(ac: Any, act: IncrementAction) -> IncrementNode | None:
    target = check_target(ac.ctx, act, "target", act.target, ac.scope, ("number", "integer"))
    return IncrementNode(target, act.by, act.span) if target else None


def emit(em: Any, node: IncrementNode) -> str:
    return f"A.increment({em.target(node.target)}, {node.by!r})"


HERE = folder(__file__)
TARGETS = {"web": ActionImpl(emit, HERE / "web.js"), "mobile": ActionImpl(emit, HERE / "mobile.ts")}
KIND = ActionKind(name="increment", model=IncrementAction, check=check, targets=TARGETS)


class WebIncrementAction(IncrementAction):
    action: Literal["web_increment"]  # type: ignore[assignment]


def check_web(ac: Any, act: WebIncrementAction) -> Any:
    node = check(ac, act)
    return replace(node, kind="web_increment") if node else None


WEB_ONLY = ActionKind(name="web_increment", model=WebIncrementAction, check=check_web,
                      targets={"web": TARGETS["web"]})
'''

WEB_JS = """R.act.increment = function (t, n) {
  return function (sc) { R.write(sc, t, R.num(R.read(sc, t)) + n); };
};
"""

MOBILE_TS = """increment: (t: Target, n: number): Action => () => {
  const cur = read(t);
  write(t, (typeof cur === "number" ? cur : 0) + n);
},
"""

SPEC = """\
appforge: 1
app: {name: Counter, id: com.example.counter}
state:
  count: {type: integer, default: 0}
pages:
  - id: home
    body:
      - type: text
        id: shown
        text: "count {{ state.count }}"
      - type: button
        id: more
        label: More
        on_click:
          - action: increment
            target: state.count
            by: 2
"""


#: Runs in a fresh interpreter with the plugin on sys.path: the spec models are built once
#: per process from the registered kinds, so a plugin is never added to (or removed from) the
#: test session's own models. Prints what validate and build said, as JSON.
RUN = """
import json, sys
from appforge.kinds.support import unsupported
from appforge.pipeline import build, check_project

project, out, targets = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
result = check_project(project)
def show(diags):
    return [[d.code, d.message, d.span.file, d.span.line, d.span.column] for d in diags]
report = {"check": show(result.diagnostics)}
if result.app is not None:
    report["web"] = show(unsupported(result.app, ["web"]))
    report["mobile"] = show(unsupported(result.app, ["mobile"]))
    built = build(project, targets, out)
    report["build"] = show(built.diagnostics)
    report["built"] = [o.target for o in built.outputs]
from typer.testing import CliRunner
from appforge.cli import app as cli
report["validate"] = {t: CliRunner().invoke(cli, ["validate", project, "-t", t]).exit_code
                      for t in ("web", "mobile", "all")}
print(json.dumps(report))
"""


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    """A package holding only the kind's folder, and its metadata: what pip would install."""
    site = tmp_path / "site"
    kind = site / "appforge_counter" / "increment"
    kind.mkdir(parents=True)
    (site / "appforge_counter" / "__init__.py").write_text("")
    (kind / "__init__.py").write_text(textwrap.dedent(KIND))
    (kind / "web.js").write_text(WEB_JS)
    (kind / "mobile.ts").write_text(MOBILE_TS)
    info = site / "appforge_counter-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: appforge-counter\n"
                                   "Version: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[appforge.actions]\nincrement = appforge_counter.increment:KIND\n"
        "web_increment = appforge_counter.increment:WEB_ONLY\n")
    return site


def _run(site: Path | None, project: Path, out: Path, targets: str) -> dict[str, Any]:
    paths = [str(site)] if site is not None else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*paths, str(ROOT)])}
    proc = subprocess.run([sys.executable, "-c", RUN, str(project), str(out), targets],
                          capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    return report


def _project(tmp_path: Path, spec: str = SPEC) -> Path:
    project = tmp_path / "app"
    project.mkdir()
    (project / "appforge.yaml").write_text(spec)
    return project


def test_a_plugin_action_validates_and_builds_for_every_target(plugin: Path,
                                                               tmp_path: Path) -> None:
    report = _run(plugin, _project(tmp_path), tmp_path / "out", "web,mobile")
    assert report["check"] == [] and report["web"] == [] and report["mobile"] == []
    assert report["build"] == [] and report["built"] == ["web", "mobile"]
    assert report["validate"] == {"web": 0, "mobile": 0, "all": 0}


def test_without_the_plugin_the_action_is_unknown(tmp_path: Path) -> None:
    report = _run(None, _project(tmp_path), tmp_path / "out", "web")
    assert [d[0] for d in report["check"]] == ["E0105"]


def test_a_web_only_action_is_refused_for_mobile_at_its_place(plugin: Path,
                                                               tmp_path: Path) -> None:
    project = _project(tmp_path, SPEC.replace("action: increment", "action: web_increment"))
    report = _run(plugin, project, tmp_path / "out", "web,mobile")
    assert report["check"] == [] and report["web"] == []
    expected = ["E0111", "the mobile target does not support the action 'web_increment'",
                "appforge.yaml", 15, 13]
    assert report["mobile"] == [expected]
    # build agrees with validate: web is written, mobile is refused at the same place
    assert report["build"] == [expected] and report["built"] == ["web"]
    assert report["validate"] == {"web": 0, "mobile": 1, "all": 1}


def test_validate_refuses_an_unknown_target(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from appforge.cli import app as cli

    result = CliRunner().invoke(cli, ["validate", str(ROOT / "examples" / "expenses"),
                                      "-t", "nope"])
    assert result.exit_code == 2 and "unknown target 'nope'" in result.output


@pytest.mark.browser
def test_a_plugin_action_runs_in_the_browser(plugin: Path, tmp_path: Path, web_page: Any,
                                             serve: Any) -> None:
    report = _run(plugin, _project(tmp_path), tmp_path / "out", "web")
    assert report["build"] == [], report
    web = tmp_path / "out" / "web"
    assert "act.increment=" in next(web.glob("app.*.js")).read_text()
    web_page.page.goto(serve(web) + "/index.html")
    web_page.testid("more").click()
    web_page.testid("more").click()
    assert web_page.testid("shown").text_content() == "count 4"
    web_page.assert_clean()


@pytest.mark.npm
def test_a_plugin_action_type_checks_on_mobile(plugin: Path, tmp_path: Path,
                                               node_modules: Path) -> None:
    report = _run(plugin, _project(tmp_path), tmp_path / "out", "mobile")
    assert report["build"] == [], report
    mobile = tmp_path / "out" / "mobile"
    assert "increment: (t: Target" in (mobile / "src/runtime/actions.ts").read_text()
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
