"""len(list_or_text): the number of items or characters (0 for anything else)."""

from __future__ import annotations

from appforge.ir import INTEGER, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, is_any


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    t = args[0]
    if is_any(t) or t.kind == "list" or t.is_string:
        return INTEGER
    return f"expects a list or text, got {t}"


def evaluate(x: v.Value) -> int:
    if isinstance(x, str):
        return v.length(x)  # UTF-16 code units, as JavaScript counts
    return len(x) if isinstance(x, list) else 0


KIND = FunctionKind(
    "len", "len(list_or_text)", "The number of items or characters (0 for anything else).",
    1, 1, check, evaluate,
    {"web": Implementation(
        "F.len = function (x) {\n"
        '  return typeof x === "string" || Array.isArray(x) ? x.length : 0;\n'
        "};"),
     "mobile": Implementation(
        "len: (x: Value): number =>\n"
        '  (typeof x === "string" || Array.isArray(x) ? x.length : 0),')},
    example="{{ len(state.tasks) }} tasks")
