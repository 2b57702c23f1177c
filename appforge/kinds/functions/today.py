"""today(): today's date as YYYY-MM-DD, in the device's time zone (never a constant)."""

from __future__ import annotations

from appforge.ir import DATE, Type
from appforge.kinds.function import FunctionKind, Implementation, Models


def check(_args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    return DATE


KIND = FunctionKind(
    "today", "today()", "Today's date (YYYY-MM-DD).", 0, 0, check, None,
    {"web": Implementation(
        "F.today = function () {\n"
        "  var d = new Date();\n"
        '  var p = function (n) { return (n < 10 ? "0" : "") + n; };\n'
        '  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());\n'
        "};"),
     "mobile": Implementation(
        "today: (): string => {\n"
        "  const d = new Date();\n"
        '  const p = (n: number): string => (n < 10 ? "0" : "") + n;\n'
        '  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());\n'
        "},")},
    example="{{ today() }}")
