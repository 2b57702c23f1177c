"""slice(list, start, end): the items from start up to end (not included), as JavaScript's
Array.prototype.slice takes them."""

from __future__ import annotations

import math

from appforge.ir import Type
from appforge.kinds import values as v
from appforge.kinds.function import ArgError, FunctionKind, Implementation, Models, is_any

_END = object()


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str | ArgError:
    if not (is_any(args[0]) or args[0].kind == "list"):
        return f"expects a list, got {args[0]}"
    for n, t in enumerate(args[1:], 1):
        if not (is_any(t) or t.is_number):
            return ArgError(f"takes whole numbers as positions, got {t}", n)
    return args[0]


def _position(x: v.Value, length: int) -> int:
    """JavaScript's relative index: whole (towards 0), negative from the end, clamped."""
    n = v.to_num(x)
    if math.isnan(n):
        n = 0
    if math.isinf(n):
        return 0 if n < 0 else length
    i = int(n)  # truncates, as ToIntegerOrInfinity does
    return max(length + i, 0) if i < 0 else min(i, length)


def evaluate(items: v.Value, start: v.Value, end: v.Value = _END) -> list[v.Value]:
    rows = items if isinstance(items, list) else []
    a = _position(start, len(rows))
    b = len(rows) if end is _END else _position(end, len(rows))
    return rows[a:b] if b > a else []


KIND = FunctionKind(
    "slice", "slice(list, start, end)",
    "The items from position start up to end, not included (0 is the first; negative counts "
    "from the end; no end: to the end of the list).",
    2, 3, check, evaluate,
    {"web": Implementation(
        "F.slice = function (l, s, e) {\n"
        "  var a = Array.isArray(l) ? l : [];\n"
        "  return a.slice(num(s), e === undefined ? a.length : num(e));\n"
        "};"),
     "mobile": Implementation(
        "slice: (l: Value, s: Value, e?: Value): Value[] =>\n"
        "  list(l).slice(num(s), e === undefined ? undefined : num(e)),",
        ("list", "num"))},
    example="{{ slice(sort(state.books, 'rating', 'desc'), 0, 3) }}")
