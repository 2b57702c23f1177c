"""ARCHITECTURE.md stays true: every package folder of appforge/ is described there."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_every_package_is_described() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text()
    packages = sorted(p.name for p in (ROOT / "appforge").iterdir()
                      if p.is_dir() and (p / "__init__.py").exists())
    missing = [name for name in packages if f"`appforge/{name}/`" not in text]
    assert missing == [], f"describe these in ARCHITECTURE.md: {missing}"


def test_pipeline_module_is_described() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text()
    for module in ("pipeline.py", "diagnostics.py", "codes.py", "appforge/ir.py"):
        assert module in text
