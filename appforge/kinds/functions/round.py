"""round(x, digits): x rounded to digits decimals, halves up as JavaScript's Math.round."""

from __future__ import annotations

import math

from appforge.ir import NUMBER, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, is_any


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    if not (is_any(args[0]) or args[0].is_number):
        return f"expects a number, got {args[0]}"
    if len(args) > 1 and not (is_any(args[1]) or args[1].kind == "integer"):
        return f"expects a whole number of digits, got {args[1]}"
    return NUMBER


def evaluate(x: v.Value, digits: v.Value = 0) -> float:
    try:
        f = math.pow(10, v.to_num(digits))
    except OverflowError:
        f = math.inf
    return v.arithmetic("/", v.js_round(float(v.to_num(x)) * f), f)


KIND = FunctionKind(
    "round", "round(x, digits)", "x rounded to digits decimals (default 0; halves up).", 1, 2,
    check, evaluate,
    {"web": Implementation(
        "F.round = function (x, d) {\n"
        "  var f = Math.pow(10, num(d));\n"
        "  return Math.round(num(x) * f) / f;\n"
        "};"),
     "mobile": Implementation(
        "round: (x: Value, d?: Value): number => {\n"
        "  const f = Math.pow(10, num(d ?? 0));\n"
        "  return Math.round(num(x) * f) / f;\n"
        "},", ("num",))},
    example="{{ round(state.total, 2) }}")
