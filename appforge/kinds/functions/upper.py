"""upper(text): Text in upper case."""

from __future__ import annotations

from appforge.ir import STRING, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, text_like


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    if not text_like(args[0]):
        return f"expects text, got {args[0]}"
    return STRING


def evaluate(s: v.Value) -> str:
    return v.to_str(s).upper()


KIND = FunctionKind(
    "upper", "upper(text)", "Text in upper case.", 1, 1, check, evaluate,
    {"web": Implementation("F.upper = function (s) { return str(s).toUpperCase(); };"),
     "mobile": Implementation("upper: (s: Value): string => str(s).toUpperCase(),", ("str",))},
    example="{{ upper(state.name) }}")
