"""find(list, 'field', value): the first record whose field equals value, or null."""

from __future__ import annotations

from appforge.ir import ANY, Type
from appforge.kinds import values as v
from appforge.kinds.function import ArgError, FunctionKind, Implementation, Models
from appforge.kinds.functions import _lists


def check(args: list[Type], lits: list[object], models: Models) -> Type | str | ArgError:
    field = _lists.comparison(args, lits, models)
    if isinstance(field, (str, ArgError)):
        return field
    return (args[0].of or ANY) if args[0].kind == "list" else ANY


def evaluate(items: v.Value, field: v.Value, value: v.Value) -> v.Value:
    name = v.to_str(field)
    return next((r for r in (items if isinstance(items, list) else [])
                 if v.eq(v.member(r, name), value)), None)


KIND = FunctionKind(
    "find", "find(list, 'field', value)",
    "The first record whose field equals value, or null when none does.", 3, 3, check,
    evaluate,
    {"web": Implementation(
        "F.find = function (l, f, v) {\n"
        "  var a = Array.isArray(l) ? l : [], k = str(f);\n"
        "  for (var n = 0; n < a.length; n++) if (eq(m(a[n], k), v)) return a[n];\n"
        "  return null;\n"
        "};"),
     "mobile": Implementation(
        "find: (l: Value, f: Value, v: Value): Value =>\n"
        "  list(l).find((r) => eq(m(r, str(f)), v)) ?? null,",
        ("eq", "list", "m", "str"))},
    example="{{ find(state.books, 'id', state.selected).title }}")
