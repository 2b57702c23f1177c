"""Every example validates with no errors: the shared contract apps and the project's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from appforge.pipeline import check_project

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared" / "examples"
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*/appforge.yaml"))
SHARED_EXAMPLES = sorted(SHARED.glob("*/appforge.yaml")) if SHARED.is_dir() else []


@pytest.mark.skipif(not SHARED_EXAMPLES, reason="../shared/examples is not present here")
@pytest.mark.parametrize("spec", SHARED_EXAMPLES, ids=lambda p: p.parent.name)
def test_shared_example_is_clean(spec: Path) -> None:
    result = check_project(spec.parent)
    assert result.diagnostics == []
    assert result.app is not None


def test_project_has_at_least_three_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.parent.name)
def test_project_example_is_clean(spec: Path) -> None:
    result = check_project(spec.parent)
    assert [str(d) for d in result.diagnostics] == []
    assert result.app is not None
