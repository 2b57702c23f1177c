"""contains(list_or_text, x): whether x is an item of the list or a part of the text."""

from __future__ import annotations

from appforge.ir import BOOLEAN, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, is_any


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    t = args[0]
    if is_any(t) or t.kind == "list" or t.is_string:
        return BOOLEAN
    return f"expects a list or text, got {t}"


def evaluate(c: v.Value, x: v.Value) -> bool:
    if isinstance(c, list):
        return any(v.eq(y, x) for y in c)
    return v.to_str(x) in v.to_str(c)


KIND = FunctionKind(
    "contains", "contains(list_or_text, x)", "Whether x is an item or a substring.", 2, 2,
    check, evaluate,
    {"web": Implementation(
        "F.contains = function (c, x) {\n"
        "  if (Array.isArray(c)) return c.some(function (y) { return eq(y, x); });\n"
        "  return str(c).indexOf(str(x)) >= 0;\n"
        "};"),
     "mobile": Implementation(
        "contains: (c: Value, x: Value): boolean =>\n"
        "  Array.isArray(c) ? c.some((y) => eq(y, x)) : str(c).indexOf(str(x)) >= 0,",
        ("eq", "str"))},
    example="{{ contains(state.tags, 'urgent') }}")
