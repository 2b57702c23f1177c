"""str(value): any value as text."""

from __future__ import annotations

from appforge.ir import STRING, Type
from appforge.kinds import values as v
from appforge.kinds.function import FunctionKind, Implementation, Models


def check(_args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    return STRING


KIND = FunctionKind(
    "str", "str(value)", "Any value as text (numbers as JavaScript prints them).", 1, 1,
    check, v.to_str,
    {"web": Implementation("F.str = str;"),
     "mobile": Implementation("str: (x: Value): string => str(x),", ("str",))},
    example="{{ str(state.count) }}")
