"""`appforge new`: each template gives a project that validates; names, overwrites, hooks and
escaping are handled; nothing is written outside the new folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge import scaffold
from appforge.cli import app
from appforge.pipeline import check_project

runner = CliRunner()


def _tree(path: Path) -> set[str]:
    return {p.relative_to(path).as_posix() for p in path.rglob("*")}


@pytest.mark.parametrize("template", scaffold.TEMPLATES)
def test_each_template_validates_clean(tmp_path: Path, template: str) -> None:
    result = runner.invoke(app, ["new", "shop-app", "--template", template, "--no-input",
                                 "--dir", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    project = Path(info["path"])
    assert info["app_name"] == "Shop App" and info["app_id"] == "com.example.shopapp"
    checked = check_project(project)
    assert [str(d) for d in checked.diagnostics if d.is_error] == []
    assert checked.app is not None and checked.app.name == "Shop App"
    files = _tree(project)
    assert {"appforge.yaml", "README.md", ".gitignore", "Dockerfile", "nginx.conf",
            ".dockerignore", "requirements.txt",
            ".github/workflows/appforge.yml", "schema/appforge.schema.json"} <= files
    assert any(f.startswith("pages/") for f in files)
    first_line = (project / "appforge.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/appforge.schema.json"
    # The CI workflow is copied, not rendered (GitHub's own ${{ }} would be Jinja).
    workflow = ".github/workflows/appforge.yml"
    assert (project / workflow).read_bytes() == (
        scaffold.templates_dir() / "project" / "base" / "{{cookiecutter.project_slug}}" / workflow
    ).read_bytes()
    built = runner.invoke(app, ["build", str(project), "--target", "all", "--json"])
    assert built.exit_code == 0, built.output
    assert (project / "build" / "web" / "index.html").is_file()
    assert (project / "build" / "mobile" / "App.tsx").is_file()


def test_refuses_a_non_empty_folder_without_force(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["new", "taken", "--no-input", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.output
    assert _tree(tmp_path / "taken") == {"notes.txt"}
    forced = runner.invoke(app, ["new", "taken", "--no-input", "--force", "--dir",
                                 str(tmp_path)])
    assert forced.exit_code == 0
    assert (tmp_path / "taken" / "notes.txt").read_text() == "mine"
    assert (tmp_path / "taken" / "appforge.yaml").is_file()


@pytest.mark.parametrize("name", ["../escape", "/abs", "a/b", ".hidden", "", "x" * 65, "{{7*7}}"])
def test_bad_names_are_usage_errors(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["new", name, "--no-input", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_app_name_is_escaped_for_yaml(tmp_path: Path) -> None:
    answers = scaffold.Answers("quoted", 'Tom\'s "Best": app', "com.example.q", "blank")
    project = scaffold.create_project(answers, tmp_path)
    checked = check_project(project)
    assert checked.app is not None and checked.app.name == 'Tom\'s "Best": app'


def test_template_code_in_answers_is_refused(tmp_path: Path) -> None:
    answers = scaffold.Answers("x", "{{ cycler.__init__.__globals__ }}", "com.example.x", "blank")
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.create_project(answers, tmp_path)


def test_hooks_are_never_run_and_nothing_lands_outside(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(Path(scaffold.__file__).parent.parent / "templates", templates)
    hooks = templates / "project" / "blank" / "hooks"
    hooks.mkdir()
    marker = tmp_path / "pwned"
    (hooks / "pre_gen_project.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    monkeypatch.setattr(scaffold, "templates_dir", lambda: templates)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    out = tmp_path / "out"
    out.mkdir()
    scaffold.create_project(scaffold.default_answers("safe", "blank"), out)
    assert not marker.exists()
    assert _tree(out) == {"safe", *(f"safe/{p}" for p in _tree(out / "safe"))}
    assert not (tmp_path / "home").exists()  # no replay files in the user's home
