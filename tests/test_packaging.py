"""The wheel ships the templates, the published schema and py.typed (style.md point 11), and
an installed appforge finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    [found] = out.glob("appforge-*.whl")
    return found


def test_wheel_ships_templates_specs_and_types(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "appforge/py.typed" in names
    assert "appforge/_specs/appforge.schema.json" in names
    assert "appforge/_templates/project/todo/cookiecutter.json" in names
    assert "appforge/_templates/dev/client.js" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[appforge.targets]" in text and "web = appforge.targets.web:WebTarget" in text
    # A component kind's folder ships whole: its target files sit beside its module.
    assert "list = appforge.kinds.components.list:KIND" in text
    for file in ("__init__.py", "web.js", "web.css", "mobile.jsx.jinja", "mobile.tsx"):
        assert f"appforge/kinds/components/list/{file}" in names
    # Each kind's folder ships whole: its runtime snippets and styles beside its module.
    for kind in ("actions/toast/web.js", "actions/toast/web.css", "actions/toast/mobile.ts",
                 "sources/rest/web.js", "sources/static/mobile.ts"):
        assert f"appforge/kinds/{kind}" in names, kind
    assert "[appforge.actions]" in text and "toast = appforge.kinds.actions.toast:KIND" in text
    assert "[appforge.sources]" in text and "rest = appforge.kinds.sources.rest:KIND" in text


def test_installed_wheel_finds_its_templates(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    code = ("import appforge.resources as r; print(r.templates_dir()); print(r.specs_dir())")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
                          cwd=tmp_path)
    templates, specs = proc.stdout.split()
    assert templates == str(target / "appforge" / "_templates")
    assert specs == str(target / "appforge" / "_specs")
