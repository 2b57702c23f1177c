"""sum(list, 'field'): the sum of a numeric field over records, or of a list of numbers."""

from __future__ import annotations

from appforge.ir import NUMBER, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, is_any, record_field

_NUMBERS = object()


def check(args: list[Type], lits: list[object], models: Models) -> Type | str:
    if len(args) == 1:
        element = args[0].of if args[0].kind == "list" else None
        if is_any(args[0]) or (element is not None and (element.is_number or is_any(element))):
            return NUMBER
        return f"expects a list of numbers, or a list of records and a field, got {args[0]}"
    field = record_field(args, lits, models)
    if isinstance(field, str):
        return field
    if not (is_any(field) or field.is_number):
        return f"field '{lits[1]}' is {field}, not a number"
    return NUMBER


def evaluate(items: v.Value, field: v.Value = _NUMBERS) -> float:
    total: float = 0
    for r in items if isinstance(items, list) else []:
        x = r if field is _NUMBERS else v.member(r, v.to_str(field))
        total = v.arithmetic("+", total, v.to_num(x))
    return total


KIND = FunctionKind(
    "sum", "sum(list, 'field')", "The sum of a numeric field over records (or of a list of "
    "numbers).", 1, 2, check, evaluate,
    {"web": Implementation(
        "F.sum = function (l, f) {\n"
        "  return (Array.isArray(l) ? l : []).reduce(function (t, r) {\n"
        "    return t + num(f === undefined ? r : m(r, str(f)));\n"
        "  }, 0);\n"
        "};"),
     "mobile": Implementation(
        "sum: (l: Value, f?: Value): number =>\n"
        "  list(l).reduce<number>((t, r) => t + num(f === undefined ? r : m(r, str(f))), 0),",
        ("list", "m", "num", "str"))},
    example="{{ sum(state.items, 'price') }}")
