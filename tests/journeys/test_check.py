"""Journeys are checked by the compiler, as data: each folder under cases/ is a project with a
bad journey file (tests/case.journey.yaml) and `expect` (`CODE FILE:LINE:COLUMN`), the located
diagnostic `appforge validate` and `appforge test` must report."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.codes import CODES
from appforge.journeys import check

CASES = Path(__file__).parent / "cases"
HERE = Path(__file__).parent
SHARED = HERE.parent.parent.parent / "shared" / "examples"


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def _expected(case: Path) -> tuple[str, str, int, int]:
    code, where = (case / "expect").read_text().split()
    file, line, column = where.rsplit(":", 2)
    return code, file, int(line), int(column)


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_reports_code_at_location(case: Path) -> None:
    code, file, line, column = _expected(case)
    result = check(case)
    found = [(d.code, d.span.file, d.span.line, d.span.column) for d in result.diagnostics]
    assert (code, file, line, column) in found, f"got {found}"
    assert result.has_errors
    for d in result.diagnostics:
        assert d.code in CODES and d.message


def test_every_journey_code_has_a_case_and_an_explanation() -> None:
    codes = {_expected(c)[0] for c in _cases()}
    journey_codes = {c for c in CODES if c.startswith("E06")}
    assert journey_codes <= codes
    for code in journey_codes:
        assert CODES[code].explanation


def test_hints_say_what_was_meant() -> None:
    by_case = {c.name: check(c).diagnostics for c in _cases()}
    assert by_case["unknown_page"][0].hint == "did you mean 'about'?"
    assert by_case["unknown_id"][0].hint == "did you mean 'add-submit'?"
    assert by_case["unknown_source"][0].hint == "did you mean 'items'?"
    assert "open item first" in (by_case["id_after_back_is_fine_but_detail_is_not"][0].hint or "")
    assert by_case["expect_unknown_key"][0].hint == "did you mean 'text'?"


def test_validate_reports_journey_errors_with_a_frame() -> None:
    result = CliRunner().invoke(app, ["validate", str(CASES / "unknown_page")])
    assert result.exit_code == 1
    assert "tests/case.journey.yaml:4:15: error[E0601]: the app has no page 'abuot'" in result.output
    assert "- open: abuot" in result.output and "hint: did you mean 'about'?" in result.output


def test_validate_without_journeys_is_unchanged(tmp_path: Path) -> None:
    (tmp_path / "appforge.yaml").write_text((CASES / "unknown_page" / "appforge.yaml").read_text())
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_a_press_that_may_navigate_keeps_both_pages() -> None:
    """A form's submit navigates only when the form is valid: the next step may be on either
    page (the sign-up journey checks the errors, then the members page)."""
    if not SHARED.is_dir():
        pytest.skip("../shared/examples is not present")
    for name in ("todo", "signup", "quotes"):
        result = check(SHARED / name, HERE / name)
        assert result.diagnostics == [], [str(d) for d in result.diagnostics]
        assert result.journeys
