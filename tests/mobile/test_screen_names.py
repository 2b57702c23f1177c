"""Page ids that differ only in case or in underscores (home/Home, a_b/aB, a_b/a__b) get one
screen file and one component each: unique even on a case-insensitive disk, the same on every
build, and the project type-checks (no TS2300 duplicate identifier)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge.pipeline import build

PAIRS = [("home", "Home"), ("a_b", "aB"), ("a_b", "a__b"), ("_a", "a"), ("order_items",
         "orderItems"), ("Proto", "__proto__"), ("x", "X_"), ("_1", "Page1")]


def _spec(ids: list[str]) -> dict[str, Any]:
    pages = [{"id": page_id, "path": f"/p{n}", "title": f"Page {page_id}", "body": [
        {"type": "text", "id": "t", "text": f"this is {page_id}"},
        *[{"type": "link", "id": f"to{m}", "label": f"to {other}", "to": other}
          for m, other in enumerate(ids) if other != page_id]]}
        for n, page_id in enumerate(ids)]
    return {"appforge": 1, "app": {"name": "Clash", "id": "com.example.clash",
                                   "nav": ids[:2]}, "pages": pages}


def _build(tmp_path: Path, ids: list[str]) -> Path:
    project = tmp_path / "p"
    project.mkdir(parents=True, exist_ok=True)
    (project / "appforge.yaml").write_text(yaml.safe_dump(_spec(ids)))
    result = build(project, ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    return tmp_path / "out" / "mobile"


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_each_page_has_its_own_screen(tmp_path: Path, pair: tuple[str, str]) -> None:
    mobile = _build(tmp_path, list(pair))
    screens = sorted((mobile / "src" / "screens").iterdir())
    assert len(screens) == 2
    assert len({s.name.lower() for s in screens}) == 2  # a case-insensitive disk too
    owners = {}
    for screen in screens:
        code = screen.read_text()
        owner = next(p for p in pair if f'PageProps["{p}"]' in code)
        assert f'"this is {owner}"' in code
        owners[owner] = screen.stem
        assert f"export default function {screen.stem}(" in code
    assert sorted(owners) == sorted(pair)
    app = (mobile / "App.tsx").read_text()
    for page_id, component in owners.items():
        assert f'import {component} from "./src/screens/{component}";' in app
        assert f'.Screen name={{"{page_id}"}} component={{{component}}}' in app
    # The same names on every build.
    again = _build(tmp_path / "again", list(pair))
    assert sorted(p.name for p in (again / "src" / "screens").iterdir()) == \
        [s.name for s in screens]


@pytest.mark.npm
def test_clashing_ids_type_check(tmp_path: Path, node_modules: Path) -> None:
    ids = list(dict.fromkeys(i for pair in PAIRS for i in pair))
    mobile = _build(tmp_path, ids)
    assert len(list((mobile / "src" / "screens").iterdir())) == len(ids)
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                           str(mobile)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "TS2300" not in proc.stdout
