"""join(list, separator): the items as text, joined by the separator (default ", ")."""

from __future__ import annotations

from appforge.ir import STRING, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models, is_any, text_like

_DEFAULT = object()


def check(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    if not (is_any(args[0]) or args[0].kind == "list"):
        return f"expects a list, got {args[0]}"
    if len(args) > 1 and not text_like(args[1]):
        return f"expects a text separator, got {args[1]}"
    return STRING


def evaluate(items: v.Value, sep: v.Value = _DEFAULT) -> str:
    glue = ", " if sep is _DEFAULT else v.to_str(sep)
    return glue.join(v.to_str(x) for x in (items if isinstance(items, list) else []))


KIND = FunctionKind(
    "join", "join(list, separator)", "The items as text, joined by the separator.", 1, 2,
    check, evaluate,
    {"web": Implementation(
        "F.join = function (l, sep) {\n"
        '  return (Array.isArray(l) ? l : []).map(str).join(sep === undefined ? ", " : str(sep));\n'
        "};"),
     "mobile": Implementation(
        "join: (l: Value, sep?: Value): string =>\n"
        '  list(l).map(str).join(sep === undefined ? ", " : str(sep)),', ("list", "str"))},
    example="{{ join(state.tags, ' · ') }}")
