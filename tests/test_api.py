"""The library API named in the issue: load(path) -> Project, check(project) -> diagnostics."""

from __future__ import annotations

from pathlib import Path

import appforge

ROOT = Path(__file__).parent.parent


def test_load_check_analyze() -> None:
    project = appforge.load(ROOT / "examples" / "expenses")
    assert isinstance(project, appforge.Project)
    assert appforge.check(project) == []
    result = appforge.analyze(project)
    assert result.app is not None and result.app.name == "Expenses"
    assert isinstance(result.app, appforge.ir.App)


def test_check_returns_located_diagnostics(tmp_path: Path) -> None:
    (tmp_path / "appforge.yaml").write_text(
        "appforge: 1\napp: {name: X, id: com.example.x}\npages:\n"
        "  - id: home\n    body:\n      - {type: text, text: \"{{ state.nope }}\"}\n")
    [diag] = appforge.check(appforge.load(tmp_path))
    assert isinstance(diag, appforge.Diagnostic)
    assert (diag.code, diag.span.line, diag.span.column) == ("E0203", 6, 38)


def test_compile_project() -> None:
    app, diagnostics = appforge.compile_project(ROOT / "examples" / "recipes")
    assert diagnostics == [] and app is not None
    assert [p.id for p in app.pages] == ["recipe", "about", "home"]
