"""The expression checker: types, deps and exact columns, on small specs."""

from __future__ import annotations

from pathlib import Path

import pytest

from appforge import ir
from appforge.checker.parser import ParseError, parse_expression, split_template
from appforge.pipeline import check_project

HEAD = """appforge: 1
app: {name: T, id: com.example.t}
models:
  Task:
    fields:
      title: {type: string}
      done: {type: boolean}
      hours: {type: number}
state:
  tasks: {type: list, of: Task, default: []}
  name: {type: string, default: ""}
  count: {type: integer, default: 0}
  filter: {type: enum, values: [all, open, done], default: all}
pages:
  - id: home
    body:
      - {type: text, id: probe, text: "%s"}
      - {type: text, text: "{{ len(state.tasks) + state.count }} {{ state.name }} {{ state.filter }}"}
"""


def probe(tmp_path: Path, expression: str) -> tuple[ir.Value | None, list[str]]:
    (tmp_path / "appforge.yaml").write_text(HEAD % expression.replace('"', '\\"'))
    result = check_project(tmp_path)
    errors = [f"{d.code} {d.span.line}:{d.span.column} {d.message}"
              for d in result.diagnostics if d.is_error]
    if result.app is None:
        return None, errors
    value = result.app.pages[0].body[0].props["text"]
    assert isinstance(value, ir.Value)
    return value, errors


@pytest.mark.parametrize("expression, kind", [
    ("{{ len(state.tasks) }}", "integer"),
    ("{{ state.count / 2 }}", "number"),
    ("{{ state.count * 2 }}", "integer"),
    ("{{ upper(state.name) }}", "string"),
    ("{{ state.tasks[0].title }}", "string"),
    ("{{ sum(state.tasks, 'hours') }}", "number"),
    ("{{ where(state.tasks, 'done', true) }}", "list"),
    ("{{ state.count > 1 and not (state.name == '') }}", "boolean"),
    ("{{ 'a' if state.count > 1 else 'b' }}", "string"),
    ("{{ state.filter }}", "enum"),
    ("{{ today() }}", "date"),
    ("count: {{ state.count }}", "string"),
    ("plain text", "string"),
])
def test_types(tmp_path: Path, expression: str, kind: str) -> None:
    value, errors = probe(tmp_path, expression)
    assert errors == []
    assert value is not None and value.type.kind == kind


def test_deps_name_the_state_keys_read(tmp_path: Path) -> None:
    value, _ = probe(tmp_path, "{{ len(where(state.tasks, 'done', false)) }} of {{ state.count }}")
    assert value is not None and value.deps == {"state.tasks", "state.count"}


def test_literal_text_has_no_deps(tmp_path: Path) -> None:
    value, _ = probe(tmp_path, "Hello {{ 'world' }}")
    assert value is not None and value.deps == frozenset()


@pytest.mark.parametrize("expression, expected", [
    ("{{ state.nmae }}", "E0203 17:49 unknown state key 'nmae'"),
    ("{{ state.tasks[0].titel }}", "E0202 17:58 Task has no field 'titel'"),
    ("{{ state.count + true }}", "E0301 17:43 '+' needs numbers, not integer and boolean"),
    ("{{ len(state.count) }}", "E0302 17:43 len() expects a list or text, got integer"),
    ("{{ round(state.count, 'x') }}", "E0302 17:43 round() expects a whole number of digits, "
     "got string"),
    ("{{ state.filter == 'closed' }}", "E0303 17:59 'closed' is not a value of enum(all, open, "
     "done)"),
    ("{{ state.name == 3 }}", "E0303 17:43 comparing string with integer is never equal"),
    ("{{ 1 if state.count else 2 }}", "E0301 17:48 the condition must be true or false, but "
     "this is integer"),
    ("{{ state.count < 1 < 2 }}", "E0200 17:59 invalid expression: unexpected '<'"),
    ("{{ where(state.tasks, 'nope', 1) }}", "E0302 17:43 where() Task has no field 'nope' "
     "(fields: done, hours, title)"),
])
def test_errors_are_located_to_the_column(tmp_path: Path, expression: str,
                                          expected: str) -> None:
    value, errors = probe(tmp_path, expression)
    assert value is None
    assert errors[0] == expected


def test_unknown_name_suggests_the_state_key(tmp_path: Path) -> None:
    (tmp_path / "appforge.yaml").write_text(HEAD % "{{ name }}")
    [diag] = [d for d in check_project(tmp_path).diagnostics if d.is_error]
    assert diag.hint == "did you mean 'state.name'?"


def test_parser_spans() -> None:
    node = parse_expression("a.b + f(1, 'x')")
    assert (node.start, node.end) == (0, 15)


@pytest.mark.parametrize("text", ["a ||", "(", "'x", "a.", "f(,)", "= 1", "a[1", "x" * 2001])
def test_parser_rejects_with_location(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_expression(text)
    assert 0 <= info.value.start <= len(text)


def test_deep_nesting_in_an_expression_is_an_error() -> None:
    with pytest.raises(ParseError, match="nested too deeply"):
        parse_expression("(" * 100 + "1" + ")" * 100)


def test_template_split() -> None:
    parts = split_template("Hi {{ a }}!")
    assert [(p.text, p.offset, p.is_expr) for p in parts] == [
        ("Hi ", 0, False), (" a ", 5, True), ("!", 10, False)]


def test_data_source_status_fields(tmp_path: Path) -> None:
    (tmp_path / "appforge.yaml").write_text(
        "appforge: 1\napp: {name: T, id: com.example.t}\n"
        "data:\n  q: {kind: rest, url: 'https://example.com/q'}\n"
        "pages:\n  - id: home\n    body:\n"
        "      - {type: text, id: a, text: x, visible: \"{{ data.q.loading }}\"}\n"
        "      - {type: text, id: b, text: \"{{ data.q.error }}\"}\n")
    result = check_project(tmp_path)
    assert result.app is not None
    loading, error = (c.visible or c.props["text"] for c in result.app.pages[0].body)
    assert isinstance(loading, ir.Value) and isinstance(error, ir.Value)
    assert isinstance(loading.expr, ir.Member) and loading.expr.name == "loading"
    assert loading.type.kind == "boolean" and loading.deps == {"data.q"}
    assert isinstance(error.expr, ir.Member) and error.type.kind == "string"
