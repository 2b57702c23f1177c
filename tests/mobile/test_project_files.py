"""The generated mobile project says what it is: package.json and its lock carry the app's name
(npm's rules) and version, and README.md says what is generated, how to run it with which Node,
and what a rebuild overwrites if the project is taken over by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from appforge.pipeline import build

ROOT = Path(__file__).parent.parent.parent
#: npm's rule for a package name (validate-npm-package-name): lowercase, URL-safe, no leading
#: dot or underscore, at most 214 characters.
NPM_NAME = re.compile(r"[a-z0-9-~][a-z0-9-._~]*")


def _build(tmp_path: Path, name: str, version: str = "1.2.3") -> Path:
    project = tmp_path / "p"
    project.mkdir()
    (project / "appforge.yaml").write_text(yaml.safe_dump({
        "appforge": 1, "app": {"name": name, "id": "com.example.thing", "version": version},
        "pages": [{"id": "home", "path": "/", "title": "Home",
                   "body": [{"type": "text", "text": "hello"}]}]}))
    result = build(project, ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    return tmp_path / "out" / "mobile"


def test_the_package_is_named_after_the_app(tmp_path: Path) -> None:
    mobile = _build(tmp_path, "Habit Tracker", "0.4.1")
    package = json.loads((mobile / "package.json").read_text())
    lock = json.loads((mobile / "package-lock.json").read_text())
    assert package["name"] == "habit-tracker" and package["version"] == "0.4.1"
    # npm rewrites a lock whose root disagrees with package.json; this one installs clean.
    assert lock["name"] == lock["packages"][""]["name"] == "habit-tracker"
    assert lock["version"] == lock["packages"][""]["version"] == "0.4.1"
    # Everything else is the template's pins.
    template = json.loads((ROOT / "templates" / "mobile" / "package.json").read_text())
    assert package["dependencies"] == template["dependencies"]
    assert package["engines"] == template["engines"]


@pytest.mark.parametrize(("name", "expected"), [
    ("Café <Ünïcode> App!", "caf-n-code-app"),
    ("___", "app"),
    ("X" * 80, "x" * 80),
])
def test_any_app_name_gives_a_name_npm_accepts(tmp_path: Path, name: str,
                                               expected: str) -> None:
    package = json.loads((_build(tmp_path, name) / "package.json").read_text())
    assert package["name"] == expected
    assert NPM_NAME.fullmatch(package["name"]) and len(package["name"]) <= 214


def test_the_readme_says_how_to_run_it_and_what_a_rebuild_overwrites(tmp_path: Path) -> None:
    mobile = _build(tmp_path, "Habit Tracker")
    readme = (mobile / "README.md").read_text()
    template = json.loads((ROOT / "templates" / "mobile" / "package.json").read_text())
    assert readme.startswith("# Habit Tracker\n")
    assert "npm install" in readme and "npx expo start" in readme
    assert f"Node.js {template['engines']['node']}" in readme
    assert "replaces every file of this folder except\n`node_modules/` and `.expo/`" in readme
    assert "delete `build.json`" in readme
    # Every path the README names is in the project.
    for path in re.findall(r"^\| `([^`]+)` \|", readme, re.M):
        assert (mobile / path).exists(), path


def test_the_readme_title_is_text_not_markup(tmp_path: Path) -> None:
    readme = (_build(tmp_path, "<img src=x onerror=alert(1)> [x](javascript:y) `z`")
              / "README.md").read_text()
    title = readme.splitlines()[0]
    assert not re.search(r"[<>\[\]`]", title), title
