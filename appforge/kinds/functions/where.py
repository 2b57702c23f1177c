"""where(list, 'field', value) and where(list, 'field', 'op', value): the records whose field
equals value, or compares with it by op."""

from __future__ import annotations

from appforge.ir import Type
from appforge.kinds import values as v
from appforge.kinds.function import ArgError, FunctionKind, Implementation, Models
from appforge.kinds.functions import _lists

_EQUAL = object()


def check(args: list[Type], lits: list[object], models: Models) -> Type | str | ArgError:
    field = _lists.comparison(args, lits, models)
    if isinstance(field, (str, ArgError)):
        return field
    return args[0]


def evaluate(items: v.Value, field: v.Value, op: v.Value,
             value: v.Value = _EQUAL) -> list[v.Value]:
    if value is _EQUAL:
        op, value = "==", op
    name = v.to_str(field)
    return [r for r in (items if isinstance(items, list) else [])
            if _lists.matches(v.member(r, name), v.to_str(op), value)]


KIND = FunctionKind(
    "where", "where(list, 'field', value) or where(list, 'field', op, value)",
    "The records whose field equals value; with an operator, those whose field compares "
    "with value by it: '==', '!=', the orderings '<', '<=', '>', '>=' (never true of a null "
    "or missing field), or 'contains' (a text field holding the value as text, ignoring case; "
    "a list field holding it as an item). Binds on them write back to the original list.",
    3, 4, check, evaluate,
    {"web": Implementation(
        "F.where = function (l, f, o, v) {\n"
        "  var k = str(f), a = Array.isArray(l) ? l : [];\n"
        # Only an app that calls where() with an operator (always a literal, which the web
        # emitter writes as these) ships the operators: the to-do app's bytes stay as they were.
        '  // only-with: "==" | "!=" | "\\u003c | "\\u003e | "contains"\n'
        "  if (arguments.length > 3) {\n"
        "    return a.filter(function (r) {\n"
        "      var x = m(r, k);\n"
        '      if (o === "==") return eq(x, v);\n'
        '      if (o === "!=") return !eq(x, v);\n'
        '      if (o === "contains") {\n'
        "        return Array.isArray(x) ? x.some(function (y) { return eq(y, v); }) :\n"
        '          typeof x === "string" && x.toLowerCase().indexOf(str(v).toLowerCase()) >= 0;\n'
        "      }\n"
        "      if (x === null || v === null) return false;\n"
        '      return o === "<" ? x < v : o === "<=" ? x <= v : o === ">" ? x > v : x >= v;\n'
        "    });\n"
        "  }\n"
        "  // end-only\n"
        "  return a.filter(function (r) { return eq(m(r, k), o); });\n"
        "};"),
     "mobile": Implementation(
        "where: (l: Value, f: Value, o: Value, v?: Value): Value[] => {\n"
        "  const k = str(f);\n"
        '  const op = v === undefined ? "==" : o;\n'
        "  const w = v === undefined ? o : v;\n"
        "  return list(l).filter((r) => {\n"
        "    const x = m(r, k);\n"
        '    if (op === "==") return eq(x, w);\n'
        '    if (op === "!=") return !eq(x, w);\n'
        '    if (op === "contains") {\n'
        "      return Array.isArray(x) ? x.some((y) => eq(y, w)) :\n"
        '        typeof x === "string" && x.toLowerCase().indexOf(str(w).toLowerCase()) >= 0;\n'
        "    }\n"
        "    if (x === null || w === null) return false;\n"
        "    const c = cmp(x, w);\n"
        '    return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;\n'
        "  });\n"
        "},", ("cmp", "eq", "list", "m", "str"))},
    example="{{ where(state.expenses, 'amount', '>=', 100) }}")
