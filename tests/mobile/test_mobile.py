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


def _tsc_together(base: Path, builds: dict[str, Path],
                  node_modules: Path) -> dict[str, list[str]]:
    """Type-check the mobile builds in ``base/<name>/mobile`` as one tsc program; the error
    lines by build name ("" for a line in none of them).

    Each build is its own project, but loading React Native's and React's types is most of
    what a tsc run costs (about 7 s of CPU, against 1 s for an app's own files), so one
    program checks them all. It uses the builds' own compilerOptions (asserted equal), and
    errors are told apart by file, so each build still passes or fails on its own."""
    configs = [json.loads((m / "tsconfig.json").read_text()) for m in builds.values()]
    assert all(c == configs[0] for c in configs), "the builds' tsconfig.json differ"
    (base / "node_modules").symlink_to(node_modules)
    (base / "tsconfig.json").write_text(json.dumps({
        **configs[0], "extends": "./node_modules/" + configs[0]["extends"],
        "include": [f"{name}/mobile/**/*" for name in builds],
        "exclude": ["**/node_modules"]}))
    proc = subprocess.run([str(node_modules / ".bin" / "tsc"), "--noEmit", "-p", str(base)],
                          capture_output=True, text=True, timeout=600, cwd=base)
    errors: dict[str, list[str]] = {name: [] for name in builds}
    for line in proc.stdout.splitlines():
        name = line.split("/", 1)[0]
        errors.setdefault(name if name in builds else "", []).append(line)
    assert proc.returncode == 0 or any(errors.values()), proc.stdout[-3000:] + proc.stderr
    return errors


@pytest.fixture(scope="module")
def examples_checked(tmp_path_factory: pytest.TempPathFactory,
                     node_modules: Path) -> tuple[dict[str, Path], dict[str, list[str]]]:
    """Every example's mobile build, and tsc's errors for each."""
    base = tmp_path_factory.mktemp("examples")
    builds = {spec.parent.name: _build(spec.parent, base / spec.parent.name, node_modules)
              for spec in EXAMPLES}
    errors = _tsc_together(base, builds, node_modules)
    assert not errors.get(""), "tsc errors outside the examples:\n" + "\n".join(errors[""])
    return builds, errors


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_type_checks_strictly(
        spec: Path, examples_checked: tuple[dict[str, Path], dict[str, list[str]]]) -> None:
    builds, errors = examples_checked
    mobile = builds[spec.parent.name]
    tsconfig = json.loads((mobile / "tsconfig.json").read_text())
    assert tsconfig["compilerOptions"]["strict"] is True
    assert errors[spec.parent.name] == [], "\n".join(errors[spec.parent.name])[-3000:]


def test_one_tsc_program_still_fails_the_example_with_the_error(
        tmp_path: Path, node_modules: Path) -> None:
    """What the shared program could hide: a type error in one build is reported for that
    build, and only for it."""
    builds = {"a": _build(EXAMPLES[0].parent, tmp_path / "a", node_modules),
              "b": _build(EXAMPLES[-1].parent, tmp_path / "b", node_modules)}
    (builds["b"] / "src" / "broken.ts").write_text("export const n: number = 'text';\n")
    errors = _tsc_together(tmp_path, builds, node_modules)
    assert errors["a"] == []
    assert [line.split("(")[0] for line in errors["b"] if "error TS" in line] \
        == ["b/mobile/src/broken.ts"]


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
