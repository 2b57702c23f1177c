"""count(list) and count(list, 'field', value): how many items (whose field equals value)."""

from __future__ import annotations

from appforge.ir import INTEGER, Type
from appforge.kinds import values as v
from appforge.kinds.function import ArgError, FunctionKind, Implementation, Models, is_any
from appforge.kinds.functions import _lists

_ALL = object()


def check(args: list[Type], lits: list[object], models: Models) -> Type | str | ArgError:
    if len(args) == 2:
        return "takes a list, or a list, a field and the value to count"
    if len(args) == 3:
        field = _lists.comparison(args, lits, models)
        if isinstance(field, (str, ArgError)):
            return field
    elif not (is_any(args[0]) or args[0].kind == "list"):
        return f"expects a list, got {args[0]}"
    return INTEGER


def evaluate(items: v.Value, field: v.Value = _ALL, value: v.Value = None) -> int:
    rows = items if isinstance(items, list) else []
    if field is _ALL:
        return len(rows)
    name = v.to_str(field)
    return sum(1 for r in rows if v.eq(v.member(r, name), value))


KIND = FunctionKind(
    "count", "count(list) or count(list, 'field', value)",
    "How many items the list has; with a field and a value, how many records have that "
    "value in that field (for other comparisons: len(where(...))).", 1, 3, check, evaluate,
    {"web": Implementation(
        "F.count = function (l, f, v) {\n"
        "  var a = Array.isArray(l) ? l : [], k = str(f);\n"
        "  return f === undefined ? a.length :\n"
        "    a.filter(function (r) { return eq(m(r, k), v); }).length;\n"
        "};"),
     "mobile": Implementation(
        "count: (l: Value, f?: Value, v?: Value): number =>\n"
        "  f === undefined ? list(l).length :\n"
        "    list(l).filter((r) => eq(m(r, str(f)), v ?? null)).length,",
        ("eq", "list", "m", "str"))},
    example="{{ count(state.tasks, 'done', true) }} of {{ count(state.tasks) }} done")
