"""Booleans, decimals and quoted numbers are not whole numbers (issue 11, item 27): where the
language means a number, `true` is not 1, `false` is not 0 (`max_length: false` allowed
nothing) and `1.0` is not the version 1. Each is a type error at its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from appforge.pipeline import check_project

BASE = """appforge: 1
app: {name: T, id: com.example.t}
theme: {radius: 4}
models:
  Item:
    fields:
      name: {type: string, max_length: 20}
      qty: {type: number, min: 0}
state:
  items: {type: list, of: Item, default: []}
pages:
  - id: home
    body:
      - {type: heading, text: Hi, level: 2}
      - {type: form, model: Item, on_submit: [{action: append, target: state.items, value: "{{ form.values }}"}]}
      - {type: text, text: "{{ len(state.items) }}"}
"""

# (what to replace, its replacement, line, column of the value)
CASES = [
    ("appforge: 1", "appforge: true", 1, 11),
    ("appforge: 1", "appforge: false", 1, 11),
    ("appforge: 1", "appforge: 1.0", 1, 11),
    ("appforge: 1", "appforge: '1'", 1, 11),
    ("radius: 4", "radius: true", 3, 17),
    ("radius: 4", "radius: 4.0", 3, 17),
    ("radius: 4", "radius: '4'", 3, 17),
    ("max_length: 20", "max_length: false", 7, 40),
    ("max_length: 20", "max_length: true", 7, 40),
    ("max_length: 20", "max_length: 20.0", 7, 40),
    ("min: 0", "min: true", 8, 32),
    ("min: 0", "min: '0'", 8, 32),
    ("level: 2", "level: true", 14, 42),
    ("level: 2", "level: 2.0", 14, 42),
]


@pytest.mark.parametrize(("old", "new", "line", "column"), CASES,
                         ids=[new for _, new, _, _ in CASES])
def test_non_numbers_where_a_number_is_meant_are_type_errors(tmp_path: Path, old: str,
                                                             new: str, line: int,
                                                             column: int) -> None:
    assert old in BASE
    (tmp_path / "appforge.yaml").write_text(BASE.replace(old, new, 1))
    result = check_project(tmp_path)
    errors = [(d.code, d.span.line, d.span.column) for d in result.diagnostics if d.is_error]
    assert errors == [("E0103", line, column)]
    assert result.app is None


@pytest.mark.parametrize(("old", "new"), [("min: 0", "min: 0.5"), ("min: 0", "min: -3"),
                                          ("radius: 4", "radius: 0")])
def test_real_numbers_still_pass(tmp_path: Path, old: str, new: str) -> None:
    (tmp_path / "appforge.yaml").write_text(BASE.replace(old, new, 1))
    result = check_project(tmp_path)
    assert result.app is not None, [str(d) for d in result.diagnostics]


def test_the_hint_says_what_to_write(tmp_path: Path) -> None:
    (tmp_path / "appforge.yaml").write_text(BASE.replace("appforge: 1", "appforge: 1.0"))
    (diag,) = [d for d in check_project(tmp_path).diagnostics if d.is_error]
    assert diag.hint == "write 1, without a decimal point"
    (tmp_path / "appforge.yaml").write_text(BASE.replace("max_length: 20", "max_length: false"))
    (diag,) = [d for d in check_project(tmp_path).diagnostics if d.is_error]
    assert "not numbers" in (diag.hint or "")
