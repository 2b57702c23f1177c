"""percent(part, total): part as a whole percentage of total (0 when total is 0), the share
a bar_chart draws. An expression function kind: its type rule, its Python meaning (the checker
folds a call on constants with it), and its code for each target."""

from __future__ import annotations

from appforge.ir import NUMBER, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, is_any


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    for t in args:
        if not (is_any(t) or t.is_number):
            return f"expects numbers, got {t}"
    return NUMBER


def evaluate(part: v.Value, total: v.Value) -> float:
    whole = v.to_num(total)
    if whole == 0:
        return 0
    return v.js_round(v.arithmetic("/", v.to_num(part) * 100.0, whole))


KIND = FunctionKind(
    "percent", "percent(part, total)",
    "part as a whole percentage of total (rounded; 0 when total is 0).", 2, 2, check, evaluate,
    {"web": Implementation(
        "F.percent = function (part, total) {\n"
        "  var t = num(total);\n"
        "  return t === 0 ? 0 : Math.round(num(part) * 100 / t);\n"
        "};"),
     "mobile": Implementation(
        "percent: (part: Value, total: Value): number => {\n"
        "  const t = num(total);\n"
        "  return t === 0 ? 0 : Math.round((num(part) * 100) / t);\n"
        "},", ("num",))},
    example="{{ percent(sum(state.spend, 'amount'), state.budget) }}% of the budget")
