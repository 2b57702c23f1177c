"""max(list, 'field'): the largest value of a field over records (or of a list), or null."""

from __future__ import annotations

from appforge.ir import Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models
from appforge.kinds.functions import _lists

_ITEMS = object()


def check(args: list[Type], lits: list[object], models: Models) -> Type | str:
    t = _lists.field_or_items(args, lits, models)
    if isinstance(t, str):
        return t
    if not _lists.ordered(t):
        what = f"field '{lits[1]}'" if len(args) > 1 else "the list's items"
        return f"needs numbers or texts, and {what} {'is' if len(args) > 1 else 'are'} {t}"
    return t


def evaluate(items: v.Value, field: v.Value = _ITEMS) -> v.Value:
    best = None
    for r in items if isinstance(items, list) else []:
        x = r if field is _ITEMS else v.member(r, v.to_str(field))
        if x is not None and (best is None or _lists.order(x, best) > 0):
            best = x
    return best


KIND = FunctionKind(
    "max", "max(list, 'field')",
    "The largest value of a field over records (or of a list of numbers or texts), in sort()'s "
    "order; null and missing fields are skipped, and an empty list gives null.", 1, 2, check,
    evaluate,
    {"web": Implementation(
        "F.max = (function () {\n"
        + _lists.WEB_ORDER +
        "  return function (l, f) {\n"
        "    var best = null, k = str(f);\n"
        "    (Array.isArray(l) ? l : []).forEach(function (r) {\n"
        "      var x = f === undefined ? r : m(r, k);\n"
        "      if (x !== null && x !== undefined && (best === null || order(x, best) > 0)) {\n"
        "        best = x;\n"
        "      }\n"
        "    });\n"
        "    return best;\n"
        "  };\n"
        "})();"),
     "mobile": Implementation(
        "max: (l: Value, f?: Value): Value => {\n"
        + _lists.MOBILE_ORDER +
        "  let best: Value = null;\n"
        "  for (const r of list(l)) {\n"
        "    const x = f === undefined ? r : m(r, str(f));\n"
        "    if (x !== null && (best === null || order(x, best) > 0)) best = x;\n"
        "  }\n"
        "  return best;\n"
        "},", ("list", "m", "str"))},
    example="{{ max(state.expenses, 'amount') }}")
