"""The incremental front end (`appforge dev`): only what changed is checked again, and the
result is always the same as a full check."""

from __future__ import annotations

import shutil
from pathlib import Path

from appforge.pipeline import Session, check_project

ROOT = Path(__file__).parent.parent


def _copy(tmp_path: Path, name: str) -> Path:
    dest = tmp_path / name
    shutil.copytree(ROOT / "examples" / name, dest)
    return dest


def test_editing_one_page_reuses_the_other_pages(tmp_path: Path) -> None:
    project = _copy(tmp_path, "recipes")
    session = Session(project)
    first = session.check()
    assert first.app is not None
    detail = project / "pages" / "detail.yaml"
    detail.write_text(detail.read_text().replace("Ready in", "Cooked in"))
    second = session.check()
    assert second.app is not None
    home_before = next(p for p in first.app.pages if p.id == "home")
    home_after = next(p for p in second.app.pages if p.id == "home")
    assert home_after is home_before  # not checked again
    recipe = next(p for p in second.app.pages if p.id == "recipe")
    assert "Cooked in" in repr(recipe.body)
    assert second.app == check_project(project).app


def test_a_change_to_shared_state_rechecks_every_page(tmp_path: Path) -> None:
    project = _copy(tmp_path, "recipes")
    session = Session(project)
    session.check()
    spec = project / "appforge.yaml"
    spec.write_text(spec.read_text().replace("search: {type: string", "query: {type: string"))
    result = session.check()
    assert result.has_errors
    assert {d.code for d in result.diagnostics if d.is_error} == {"E0203"}
    assert [d.diagnostics for d in [result]] == [check_project(project).diagnostics]


def test_errors_then_fix(tmp_path: Path) -> None:
    project = _copy(tmp_path, "expenses")
    session = Session(project)
    spec = project / "appforge.yaml"
    good = spec.read_text()
    spec.write_text(good.replace("state.budget }}", "state.budgte }}"))
    broken = session.check()
    assert broken.app is None and any(d.code == "E0203" for d in broken.diagnostics)
    spec.write_text(good)
    fixed = session.check()
    assert fixed.app is not None and fixed.diagnostics == []
