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
    # the list functions of issue 13: a wrong operator or direction is blamed on itself
    ("{{ where(state.tasks, 'hours', '=>', 1) }}", "E0302 17:71 where() has no operator '=>'"),
    ("{{ where(state.tasks, 'hours', state.name, 1) }}", "E0302 17:71 where() needs its "
     "operator written out as text, not computed"),
    ("{{ where(state.tasks, 'hours', '>=', 'x') }}", "E0302 17:43 where() '>=' compares two "
     "numbers or two texts, not field 'hours' (number) and string"),
    ("{{ where(state.tasks, 'hours', 'contains', 1) }}", "E0302 17:43 where() 'contains' needs "
     "a text or list field, and field 'hours' is number"),
    ("{{ where(state.tasks, 'title', 'contains', 1) }}", "E0302 17:43 where() looks for "
     "integer in the text of field 'title'"),
    ("{{ where(state.tasks, 'titel', '<', 'x') }}", "E0302 17:43 where() Task has no field "
     "'titel' (fields: done, hours, title)"),
    ("{{ sort(state.tasks, 'titel') }}", "E0302 17:43 sort() Task has no field 'titel' "
     "(fields: done, hours, title)"),
    ("{{ sort(state.tasks, 'title', 'down') }}", "E0302 17:70 sort() has no direction 'down'"),
    ("{{ sort(state.tasks, 'title', state.filter) }}", "E0302 17:70 sort() takes the "
     "direction 'asc' or 'desc', and enum(all, open, done) has other values"),
    ("{{ sort(state.count) }}", "E0302 17:43 sort() expects a list, got integer"),
    ("{{ slice(state.tasks, 'a') }}", "E0302 17:62 slice() takes whole numbers as positions, "
     "got string"),
    ("{{ min(state.tasks, 'done') }}", "E0302 17:43 min() needs numbers or texts, and field "
     "'done' is boolean"),
    ("{{ count(state.tasks, 'done') }}", "E0302 17:43 count() takes a list, or a list, a field "
     "and the value to count"),
    ("{{ find(state.tasks, 'done', 'yes') }}", "E0302 17:43 find() compares field 'done' "
     "(boolean) with string"),
])
def test_errors_are_located_to_the_column(tmp_path: Path, expression: str,
                                          expected: str) -> None:
    value, errors = probe(tmp_path, expression)
    assert value is None
    assert errors[0] == expected


@pytest.mark.parametrize("expression, kind", [
    ("{{ sort(state.tasks, 'hours', 'desc') }}", "list"),
    ("{{ sort(state.tasks, 'title', state.name) }}", "list"),
    ("{{ slice(state.tasks, 0, 3) }}", "list"),
    ("{{ find(state.tasks, 'title', 'a').hours }}", "number"),
    ("{{ count(state.tasks) + count(state.tasks, 'done', true) }}", "integer"),
    ("{{ max(state.tasks, 'hours') }}", "number"),
    ("{{ min(state.tasks, 'title') }}", "string"),
    ("{{ where(state.tasks, 'hours', '>=', state.count) }}", "list"),
    ("{{ where(state.tasks, 'title', 'contains', state.name) }}", "list"),
])
def test_list_function_types(tmp_path: Path, expression: str, kind: str) -> None:
    value, errors = probe(tmp_path, expression)
    assert errors == []
    assert value is not None and value.type.kind == kind


def test_a_wrong_operator_hints_the_operators(tmp_path: Path) -> None:
    (tmp_path / "appforge.yaml").write_text(HEAD % "{{ where(state.tasks, 'hours', '=<', 1) }}")
    [diag] = [d for d in check_project(tmp_path).diagnostics if d.is_error]
    assert diag.hint == "the operator is one of '==', '!=', '<', '<=', '>', '>=', 'contains'"


def test_unknown_function_lists_every_function(tmp_path: Path) -> None:
    """The hint used to stop at 12 names ("and 1 more" hid where); a near miss still comes
    first as did-you-mean."""
    from appforge.kinds.function import functions

    (tmp_path / "appforge.yaml").write_text(HEAD % "{{ shuffle(state.tasks) }}")
    [diag] = [d for d in check_project(tmp_path).diagnostics if d.is_error]
    assert diag.code == "E0209" and diag.hint is not None and "more" not in diag.hint
    assert all(f"'{name}'" in diag.hint for name in functions())
    (tmp_path / "appforge.yaml").write_text(HEAD % "{{ sorted(state.tasks) }}")
    [diag] = [d for d in check_project(tmp_path).diagnostics if d.is_error]
    assert diag.hint == "did you mean 'sort'?"


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
