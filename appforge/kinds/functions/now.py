"""now(): the current date and time as ISO 8601 text (never a constant)."""

from __future__ import annotations

from appforge.ir import STRING, Type
from appforge.kinds.function import FunctionKind, Implementation, Models


def check(_args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    return STRING


KIND = FunctionKind(
    "now", "now()", "The current date and time (ISO 8601 text).", 0, 0, check, None,
    {"web": Implementation("F.now = function () { return new Date().toISOString(); };"),
     "mobile": Implementation("now: (): string => new Date().toISOString(),")},
    example="{{ now() }}")
