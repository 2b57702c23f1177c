"""Error tests as data: each folder under cases/ holds a bad spec and `expect`
(`CODE [FILE:]LINE:COLUMN`): the diagnostic the compiler must report, at that exact place."""

from __future__ import annotations

from pathlib import Path

import pytest

from appforge.pipeline import check_project

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def _expected(case: Path) -> tuple[str, str, int, int]:
    code, where = (case / "expect").read_text().split()
    *file, line, column = where.split(":")
    return code, (file[0] if file else "appforge.yaml"), int(line), int(column)


def test_catalogue_is_large_enough() -> None:
    assert len(_cases()) >= 40


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_reports_code_at_location(case: Path) -> None:
    code, file, line, column = _expected(case)
    result = check_project(case)
    found = [(d.code, d.span.file, d.span.line, d.span.column) for d in result.diagnostics]
    assert (code, file, line, column) in found, f"got {found}"
    if code.startswith("E"):
        assert result.has_errors
        assert result.app is None
    else:
        assert not result.has_errors, "a warning case must not have errors"


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_every_diagnostic_is_explained(case: Path) -> None:
    from appforge.codes import CODES

    for d in check_project(case).diagnostics:
        assert d.code in CODES
        assert d.message and not d.message.startswith("Value error")
