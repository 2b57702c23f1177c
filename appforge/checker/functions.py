"""The built-in functions of the expression language: their arity, argument rules and result.

Each function is one entry; the checker calls ``check`` with the argument types (and literal
values, where a rule needs them) and gets the result type or a message. Targets implement the
same names in their runtimes (``templates/<target>/runtime``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from appforge.ir import ANY, BOOLEAN, DATE, INTEGER, NUMBER, STRING, Type

#: model name -> field name -> type
Models = Mapping[str, Mapping[str, Type]]
Check = Callable[[list[Type], list[object], Models], "Type | str"]


@dataclass(frozen=True)
class Function:
    name: str
    signature: str
    description: str
    min_args: int
    max_args: int
    check: Check


def _any(t: Type) -> bool:
    return t.kind == "any"


def _text_like(t: Type) -> bool:
    return _any(t) or t.is_string or t.kind == "null"


def _string_fn(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    if not _text_like(args[0]):
        return f"expects text, got {args[0]}"
    return STRING


def _len(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    t = args[0]
    if _any(t) or t.kind == "list" or t.is_string:
        return INTEGER
    return f"expects a list or text, got {t}"


def _str(_args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    return STRING


def _number(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    t = args[0]
    if _any(t) or t.is_number or t.is_string or t.kind == "null":
        return NUMBER
    return f"expects text or a number, got {t}"


def _round(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    if not (_any(args[0]) or args[0].is_number):
        return f"expects a number, got {args[0]}"
    if len(args) > 1 and not (_any(args[1]) or args[1].kind == "integer"):
        return f"expects a whole number of digits, got {args[1]}"
    return NUMBER


def _contains(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    t = args[0]
    if _any(t) or t.kind == "list" or t.is_string:
        return BOOLEAN
    return f"expects a list or text, got {t}"


def _join(args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    if not (_any(args[0]) or args[0].kind == "list"):
        return f"expects a list, got {args[0]}"
    if len(args) > 1 and not _text_like(args[1]):
        return f"expects a text separator, got {args[1]}"
    return STRING


def _record_field(args: list[Type], lits: list[object], models: Models,
                  fn: str) -> Type | str:
    """Check a (list of records, 'field') pair; return the field's type."""
    lst = args[0]
    if _any(lst):
        return ANY
    if lst.kind != "list":
        return f"expects a list, got {lst}"
    if not isinstance(lits[1], str):
        if not _text_like(args[1]):
            return f"expects a field name as text, got {args[1]}"
        return ANY
    element = lst.of or ANY
    if element.kind != "record":
        return ANY if _any(element) else f"needs a list of records, got {lst}"
    fields = models.get(element.model or "", {})
    if lits[1] not in fields:
        names = ", ".join(sorted(fields))
        return f"{element.model} has no field '{lits[1]}' (fields: {names})"
    return fields[lits[1]]


def _sum(args: list[Type], lits: list[object], models: Models) -> Type | str:
    if len(args) == 1:
        element = args[0].of if args[0].kind == "list" else None
        if _any(args[0]) or (element is not None and (element.is_number or _any(element))):
            return NUMBER
        return f"expects a list of numbers, or a list of records and a field, got {args[0]}"
    field = _record_field(args, lits, models, "sum")
    if isinstance(field, str):
        return field
    if not (_any(field) or field.is_number):
        return f"field '{lits[1]}' is {field}, not a number"
    return NUMBER


def _where(args: list[Type], lits: list[object], models: Models) -> Type | str:
    field = _record_field(args, lits, models, "where")
    if isinstance(field, str):
        return field
    from appforge.checker.types import comparable

    if not comparable(field, args[2]):
        return f"compares field '{lits[1]}' ({field}) with {args[2]}"
    return args[0]


def _now(_args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    return STRING


def _today(_args: list[Type], _lits: list[object], _m: Models) -> Type | str:
    return DATE


FUNCTIONS: dict[str, Function] = {f.name: f for f in [
    Function("len", "len(list_or_text)", "The number of items or characters.", 1, 1, _len),
    Function("upper", "upper(text)", "Text in upper case.", 1, 1, _string_fn),
    Function("lower", "lower(text)", "Text in lower case.", 1, 1, _string_fn),
    Function("trim", "trim(text)", "Text without leading and trailing spaces.", 1, 1,
             _string_fn),
    Function("str", "str(value)", "Any value as text (numbers as JavaScript prints them).",
             1, 1, _str),
    Function("number", "number(text)", "Text as a number (0 when it is not one).", 1, 1,
             _number),
    Function("round", "round(x, digits)", "x rounded to digits decimals (default 0).", 1, 2,
             _round),
    Function("contains", "contains(list_or_text, x)", "Whether x is an item or a substring.",
             2, 2, _contains),
    Function("join", "join(list, separator)", "The items as text, joined by the separator.",
             1, 2, _join),
    Function("sum", "sum(list, 'field')", "The sum of a numeric field over records (or of "
             "a list of numbers).", 1, 2, _sum),
    Function("where", "where(list, 'field', value)", "The records whose field equals value; "
             "binds on them write back to the original list.", 3, 3, _where),
    Function("now", "now()", "The current date and time (ISO 8601 text).", 0, 0, _now),
    Function("today", "today()", "Today's date (YYYY-MM-DD).", 0, 0, _today),
]}
