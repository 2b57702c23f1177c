"""where(list, 'field', value): the records whose field equals value."""

from __future__ import annotations

from appforge.checker.types import comparable
from appforge.ir import Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, record_field


def check(args: list[Type], lits: list[object], models: Models) -> Type | str:
    field = record_field(args, lits, models)
    if isinstance(field, str):
        return field
    if not comparable(field, args[2]):
        return f"compares field '{lits[1]}' ({field}) with {args[2]}"
    return args[0]


def evaluate(items: v.Value, field: v.Value, value: v.Value) -> list[v.Value]:
    name = v.to_str(field)
    return [r for r in (items if isinstance(items, list) else [])
            if v.eq(v.member(r, name), value)]


KIND = FunctionKind(
    "where", "where(list, 'field', value)", "The records whose field equals value; binds on "
    "them write back to the original list.", 3, 3, check, evaluate,
    {"web": Implementation(
        "F.where = function (l, f, v) {\n"
        "  return (Array.isArray(l) ? l : []).filter(function (r) {\n"
        "    return eq(m(r, str(f)), v);\n"
        "  });\n"
        "};"),
     "mobile": Implementation(
        "where: (l: Value, f: Value, v: Value): Value[] =>\n"
        "  list(l).filter((r) => eq(m(r, str(f)), v)),",
        ("eq", "list", "m", "str"))},
    example="{{ len(where(state.tasks, 'done', false)) }} open")
