"""The mobile target: every example's Expo project type-checks with `tsc --strict` against the
real, pinned React Native packages, one bundles for Android with `expo export`, a hostile app
compiles, and the output is deterministic."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from appforge.pipeline import build, compile_project
from appforge.targets import RenderOptions, get_target
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.npm

EXAMPLES = [*sorted((ROOT / "examples").glob("*/appforge.yaml")),
            *(sorted(SHARED.glob("*/appforge.yaml")) if SHARED.is_dir() else [])]
ENV = {"API_URL": "https://api.example.test"}


def _env(project: Path) -> dict[str, str] | None:
    """ENV for a project that declares `env` (an undeclared --env name is an error)."""
    return ENV if "env:" in (project / "appforge.yaml").read_text() else None


def _build(project: Path, out: Path, node_modules: Path) -> Path:
    result = build(project, ["mobile"], out, _env(project))
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = out / "mobile"
    (mobile / "node_modules").symlink_to(node_modules)  # one install shared by every app
    return mobile


def _tsc(mobile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_type_checks_strictly(spec: Path, tmp_path: Path, node_modules: Path) -> None:
    mobile = _build(spec.parent, tmp_path, node_modules)
    tsconfig = json.loads((mobile / "tsconfig.json").read_text())
    assert tsconfig["compilerOptions"]["strict"] is True
    proc = _tsc(mobile)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_android_bundle_builds(tmp_path: Path, node_modules: Path) -> None:
    mobile = _build(ROOT / "examples" / "recipes", tmp_path, node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "expo"), "export",
                           "--platform", "android", "--output-dir", str(tmp_path / "dist")],
                          cwd=mobile, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CI": "1"})
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert list((tmp_path / "dist").rglob("*.hbc")), "no Hermes bundle"


def test_hostile_strings_compile_and_type_check(tmp_path: Path, node_modules: Path) -> None:
    from tests.web.test_xss import _spec

    project = tmp_path / "hostile"
    project.mkdir()
    (project / "appforge.yaml").write_text(yaml.safe_dump(_spec("https://api.example.test"),
                                                          allow_unicode=True))
    mobile = _build(project, tmp_path / "out", node_modules)
    proc = _tsc(mobile)
    assert proc.returncode == 0, proc.stdout[-3000:]
    for screen in (mobile / "src" / "screens").glob("*.tsx"):
        code = screen.read_text()
        assert "<script>" not in code and "\u2028" not in code
        # Spec text appears only inside JSON string literals: outside them there is no
        # template literal, no comment opener and no payload.
        outside = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', code)
        assert "`" not in outside and "__pwned" not in outside and "/*" not in outside


def test_app_json_and_navigation(tmp_path: Path) -> None:
    # quotes has a page parameter and REST sources; recipes (the fallback without ../shared)
    # has a page parameter too.
    project = SHARED / "quotes" if SHARED.is_dir() else ROOT / "examples" / "recipes"
    app, diagnostics = compile_project(project, _env(project))
    assert app is not None, [str(d) for d in diagnostics]
    files = get_target("mobile").render(app, RenderOptions())
    expo = json.loads(files["app.json"])["expo"]
    assert expo["ios"]["bundleIdentifier"] == app.id and expo["android"]["package"] == app.id
    assert expo["version"] == app.version and expo["name"] == app.name
    navigation = files["src/navigation.ts"].decode()
    page_with_param = next(p for p in app.pages if p.params)
    name, kind = page_with_param.params[0]
    ts = {"integer": "number", "number": "number", "boolean": "boolean"}.get(kind.kind, "string")
    assert f'"{page_with_param.id}": {{ "{name}": {ts} }};' in navigation
    assert sorted(n for n in files if n.startswith("src/screens/")) == sorted(
        f"src/screens/{''.join(w.capitalize() for w in p.id.split('_'))}Screen.tsx"
        for p in app.pages)


def test_mobile_render_is_deterministic() -> None:
    app, _ = compile_project(ROOT / "examples" / "expenses")
    assert app is not None
    target = get_target("mobile")
    assert target.render(app, RenderOptions()) == target.render(app, RenderOptions())
