"""number(text): text as a number (0 when it is not one)."""

from __future__ import annotations

from appforge.ir import NUMBER, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, is_any


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    t = args[0]
    if is_any(t) or t.is_number or t.is_string or t.kind == "null":
        return NUMBER
    return f"expects text or a number, got {t}"


KIND = FunctionKind(
    "number", "number(text)", "Text as a number (0 when it is not one).", 1, 1, check,
    v.to_num,
    {"web": Implementation("F.number = num;"),
     "mobile": Implementation("number: (x: Value): number => num(x),", ("num",))},
    example="{{ number(state.amount) * 2 }}")
