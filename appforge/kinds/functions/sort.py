"""sort(list, 'field', 'asc'|'desc'): the list in order of a field (or of its items)."""

from __future__ import annotations

from functools import cmp_to_key

from appforge.ir import Type
from appforge.kinds import values as v
from appforge.kinds.function import ArgError, FunctionKind, Implementation, Models, is_any
from appforge.kinds.functions import _lists

DIRECTIONS = ("asc", "desc")


def check(args: list[Type], lits: list[object], models: Models) -> Type | str | ArgError:
    element = args[0].of if args[0].kind == "list" else None
    if len(args) == 2 and lits[1] in DIRECTIONS and element is not None and \
            element.kind != "record":
        return ArgError(f"takes a field first: sort(list, '', '{lits[1]}') sorts plain values",
                        1)
    if len(args) > 1 and not (args[1].kind == "null" or lits[1] == ""):
        field = _lists.field_or_items(args, lits, models)
        if isinstance(field, str):
            return field
    elif not (is_any(args[0]) or args[0].kind == "list"):
        return f"expects a list, got {args[0]}"
    if len(args) == 3:
        direction, t = lits[2], args[2]
        if isinstance(direction, str) and direction not in DIRECTIONS:
            return ArgError(f"has no direction '{direction}'", 2,
                            "the direction is 'asc' (the default) or 'desc'")
        if t.kind == "enum" and not set(t.values) <= set(DIRECTIONS):
            return ArgError(f"takes the direction 'asc' or 'desc', and {t} has other values",
                            2)
        if not (is_any(t) or t.is_string):
            return ArgError(f"takes the direction as text ('asc' or 'desc'), got {t}", 2)
    return args[0]


def evaluate(items: v.Value, field: v.Value = None, direction: v.Value = None) -> list[v.Value]:
    rows = items if isinstance(items, list) else []
    name = v.to_str(field)
    keys = [v.member(r, name) if name else r for r in rows]
    flip = -1 if v.to_str(direction) == "desc" else 1

    def by(i: int, j: int) -> int:
        c = _lists.order(keys[i], keys[j])
        if keys[i] is not None and keys[j] is not None:
            c *= flip
        return c or i - j

    return [rows[i] for i in sorted(range(len(rows)), key=cmp_to_key(by))]


KIND = FunctionKind(
    "sort", "sort(list, 'field', direction)",
    "The list ordered by a field of its records ('' or null: by the items themselves), in "
    "direction 'asc' (the default) or 'desc'. Numbers by value, texts by character code ('B' "
    "before 'a'); ties keep their order; null and missing fields come last either way.",
    1, 3, check, evaluate,
    {"web": Implementation(
        "F.sort = (function () {\n"
        + _lists.WEB_ORDER +
        "  return function (l, f, d) {\n"
        '    var k = f === undefined ? "" : str(f), s = str(d) === "desc" ? -1 : 1;\n'
        "    return (Array.isArray(l) ? l : []).map(function (r, n) {\n"
        '      return { r: r, n: n, v: k === "" ? r : m(r, k) };\n'
        "    }).sort(function (a, b) {\n"
        "      var c = order(a.v, b.v);\n"
        "      if (rank(a.v) < 3 && rank(b.v) < 3) c *= s;\n"
        "      return c || a.n - b.n;\n"
        "    }).map(function (e) { return e.r; });\n"
        "  };\n"
        "})();"),
     "mobile": Implementation(
        "sort: (l: Value, f?: Value, d?: Value): Value[] => {\n"
        + _lists.MOBILE_ORDER +
        '  const k = f === undefined ? "" : str(f);\n'
        '  const s = str(d) === "desc" ? -1 : 1;\n'
        '  const keyed = list(l).map((r, n) => ({ r, n, v: k === "" ? r : m(r, k) }));\n'
        "  keyed.sort((a, b) => {\n"
        "    const c = order(a.v, b.v);\n"
        "    return (a.v !== null && b.v !== null ? c * s : c) || a.n - b.n;\n"
        "  });\n"
        "  return keyed.map((e) => e.r);\n"
        "},", ("list", "m", "str"))},
    example="{{ sort(state.books, 'rating', 'desc') }}")
