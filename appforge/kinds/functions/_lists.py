"""What the list functions share: the order sort, min and max use, where's comparison
operators, and their type rules (a private module: no function kind of its own).

The order (the same in Python and in both runtimes' code below, which each function that
needs it embeds, since an app ships only the functions it calls):

- numbers (and booleans, as 0 and 1) before texts before anything else (lists, records,
  NaN), and null or a missing field last;
- numbers by value, texts by their UTF-16 code units (as the language's ``<`` compares them:
  "B" before "a", "10" before "9"; not a locale's order, which differs between devices);
- values that do not order (two records, say) are ties, and ties keep their order.

``sort`` reverses it for 'desc', except that nulls stay last.
"""

from __future__ import annotations

import math

from appforge.checker.types import comparable
from appforge.ir import ANY, Type
from appforge.kinds import values as v
from appforge.kinds.function import (
    ArgError,
    FunctionKind,
    Implementation,
    Models,
    is_any,
    record_field,
    text_like,
)

#: where's operators, in the order the docs and the hint list them
OPERATORS = ("==", "!=", "<", "<=", ">", ">=", "contains")
OPERATOR_HINT = "the operator is one of " + ", ".join(f"'{o}'" for o in OPERATORS)


def rank(x: v.Value) -> int:
    if x is None:
        return 3
    if isinstance(x, str):
        return 1
    if isinstance(x, bool) or (v.is_number(x) and not math.isnan(x)):
        return 0
    return 2


def order(a: v.Value, b: v.Value) -> int:
    """Negative, 0 or positive: a before b, a tie, a after b."""
    p, q = rank(a), rank(b)
    if p != q:
        return p - q
    if p == 0:
        x, y = float(a), float(b)
        return (x > y) - (x < y)
    if p == 1:
        s, t = v.utf16(a), v.utf16(b)
        return (s > t) - (s < t)
    return 0


def matches(x: v.Value, op: str, value: v.Value) -> bool:
    """Whether a field's value x passes ``x op value`` in where()."""
    if op == "==":
        return v.eq(x, value)
    if op == "!=":
        return not v.eq(x, value)
    if op == "contains":
        if isinstance(x, list):
            return any(v.eq(y, value) for y in x)
        return isinstance(x, str) and v.to_str(value).lower() in x.lower()
    if x is None or value is None:
        return False
    return v.compare(op, x, value)


# ---- the order in JavaScript (ES5, inside the function's closure) and TypeScript -----------

WEB_ORDER = (
    "  var rank = function (x) {\n"
    '    return x === null || x === undefined ? 3 : typeof x === "string" ? 1 :\n'
    '      typeof x === "boolean" || (typeof x === "number" && x === x) ? 0 : 2;\n'
    "  };\n"
    "  var order = function (a, b) {\n"
    "    var p = rank(a), q = rank(b);\n"
    "    if (p !== q) return p - q;\n"
    "    if (p === 0) { a = +a; b = +b; } else if (p !== 1) return 0;\n"
    "    return a < b ? -1 : a > b ? 1 : 0;\n"
    "  };\n")

MOBILE_ORDER = (
    "  const rank = (x: Value): number =>\n"
    '    x === null ? 3 : typeof x === "string" ? 1 :\n'
    '      typeof x === "boolean" || (typeof x === "number" && !isNaN(x)) ? 0 : 2;\n'
    "  const order = (a: Value, b: Value): number => {\n"
    "    const p = rank(a);\n"
    "    const q = rank(b);\n"
    "    if (p !== q) return p - q;\n"
    "    if (p === 1) return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;\n"
    "    return p === 0 ? Math.sign(Number(a) - Number(b)) || 0 : 0;\n"
    "  };\n")


# ---- type rules ---------------------------------------------------------------------------

def ordered(t: Type) -> bool:
    """Whether values of t have an order (numbers, texts, dates): what min and max need."""
    return is_any(t) or t.is_number or t.is_string


def field_or_items(args: list[Type], lits: list[object], models: Models) -> Type | str:
    """The type a (list) or (list, 'field') call orders by: the items' or the field's."""
    if len(args) > 1:
        return record_field(args, lits, models)
    if is_any(args[0]):
        return ANY
    if args[0].kind != "list":
        return f"expects a list, got {args[0]}"
    return args[0].of or ANY


def comparison(args: list[Type], lits: list[object], models: Models) -> Type | str | ArgError:
    """The rule of (list, 'field', value) and (list, 'field', 'op', value): the field's type
    when the comparison is typed right."""
    field = record_field(args, lits, models)
    if isinstance(field, str):
        return field
    if len(args) == 3:
        if not comparable(field, args[2]):
            return f"compares field '{lits[1]}' ({field}) with {args[2]}"
        return field
    op, value = lits[2], args[3]
    if not isinstance(op, str) or op not in OPERATORS:
        problem = f"has no operator '{op}'" if isinstance(op, str) else \
            "needs its operator written out as text, not computed"
        return ArgError(problem, 2, OPERATOR_HINT)
    what = f"field '{lits[1]}'" if isinstance(lits[1], str) else "the field"
    if op in ("==", "!="):
        if not comparable(field, value):
            return f"compares {what} ({field}) with {value}"
    elif op == "contains":
        if field.kind == "list":
            if not comparable(field.of or ANY, value):
                return f"looks for {value} in {what} ({field})"
        elif not (is_any(field) or field.is_string):
            return f"'contains' needs a text or list field, and {what} is {field}"
        elif field.is_string and not text_like(value):
            return f"looks for {value} in the text of {what}"
    elif not (is_any(field) or is_any(value) or value.kind == "null" or
              (field.is_number and value.is_number) or (field.is_string and value.is_string)):
        return f"'{op}' compares two numbers or two texts, not {what} ({field}) and {value}"
    return field


def extreme(name: str, sign: int, word: str) -> FunctionKind:
    """``min`` (sign -1) or ``max`` (sign 1): the extreme value of a field over records, or of
    a list, in :func:`order`; nulls and missing fields are skipped, an empty list gives null."""
    items = object()
    below = "<" if sign < 0 else ">"

    def check(args: list[Type], lits: list[object], models: Models) -> Type | str:
        t = field_or_items(args, lits, models)
        if isinstance(t, str):
            return t
        if not ordered(t):
            what = f"field '{lits[1]}'" if len(args) > 1 else "the list's items"
            return f"needs numbers or texts, and {what} {'is' if len(args) > 1 else 'are'} {t}"
        return t

    def evaluate(values: v.Value, field: v.Value = items) -> v.Value:
        best = None
        for r in values if isinstance(values, list) else []:
            x = r if field is items else v.member(r, v.to_str(field))
            if x is not None and (best is None or order(x, best) * sign > 0):
                best = x
        return best

    return FunctionKind(
        name, f"{name}(list, 'field')",
        f"The {word} value of a field over records (or of a list of numbers or texts), in "
        "sort()'s order; null and missing fields are skipped, and an empty list gives null.",
        1, 2, check, evaluate,
        {"web": Implementation(
            f"F.{name} = (function () {{\n"
            + WEB_ORDER +
            "  return function (l, f) {\n"
            "    var best = null, k = str(f);\n"
            "    (Array.isArray(l) ? l : []).forEach(function (r) {\n"
            "      var x = f === undefined ? r : m(r, k);\n"
            "      if (x !== null && x !== undefined && "
            f"(best === null || order(x, best) {below} 0)) {{\n"
            "        best = x;\n"
            "      }\n"
            "    });\n"
            "    return best;\n"
            "  };\n"
            "})();"),
         "mobile": Implementation(
            f"{name}: (l: Value, f?: Value): Value => {{\n"
            + MOBILE_ORDER +
            "  let best: Value = null;\n"
            "  for (const r of list(l)) {\n"
            "    const x = f === undefined ? r : m(r, str(f));\n"
            f"    if (x !== null && (best === null || order(x, best) {below} 0)) best = x;\n"
            "  }\n"
            "  return best;\n"
            "},", ("list", "m", "str"))},
        example=f"{{{{ {name}(state.expenses, 'amount') }}}}")
