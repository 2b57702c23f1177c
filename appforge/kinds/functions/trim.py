"""trim(text): Text without leading and trailing spaces."""

from __future__ import annotations

from appforge.ir import STRING, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, text_like


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    if not text_like(args[0]):
        return f"expects text, got {args[0]}"
    return STRING


def evaluate(s: v.Value) -> str:
    return v.to_str(s).strip(v.JS_SPACE)


KIND = FunctionKind(
    "trim", "trim(text)", "Text without leading and trailing spaces.", 1, 1, check, evaluate,
    {"web": Implementation("F.trim = function (s) { return str(s).trim(); };"),
     "mobile": Implementation("trim: (s: Value): string => str(s).trim(),", ("str",))},
    example="{{ trim(state.name) }}")
