"""Type rules: spec type names -> :class:`appforge.ir.Type`, assignability, literal checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from appforge.ir import ANY, BOOLEAN, INTEGER, NULL, NUMBER, STRING, Type, list_of

PRIMITIVES = {
    "string": STRING, "number": NUMBER, "integer": INTEGER, "boolean": BOOLEAN,
    "date": Type("date"), "email": Type("email"), "url": Type("url"),
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$", re.IGNORECASE)


def resolve(name: str, of: str | None, values: list[str] | None,
            models: Mapping[str, Any]) -> Type | str:
    """The type a spec names, or a message saying what is wrong with it."""
    if name in PRIMITIVES:
        return PRIMITIVES[name]
    if name == "enum":
        if not values:
            return "an enum needs `values: [...]`"
        return Type("enum", values=tuple(values))
    if name == "list":
        if not of:
            return "a list needs `of: <type or model>`"
        element = resolve(of, None, values, models)
        if isinstance(element, str):
            return element
        return list_of(element)
    if name in models:
        return Type("record", model=name)
    return f"unknown type '{name}'"


def assignable(value: Type, target: Type) -> bool:
    """Whether a value of type ``value`` may be stored where ``target`` is expected."""
    if value.kind == "any" or target.kind == "any":
        return True
    if value.kind == "null":
        return True  # absent values are allowed everywhere; forms enforce `required`
    if target.kind == value.kind:
        if target.kind == "record":
            return target.model == value.model
        if target.kind == "list":
            return assignable(value.of or ANY, target.of or ANY)
        if target.kind == "enum":
            return set(value.values) <= set(target.values)
        return True
    if target.kind == "number" and value.kind == "integer":
        return True
    if target.kind == "string" and value.is_string:
        return True
    if target.kind in ("date", "email", "url", "enum") and value.kind == "string":
        return True  # checked at run time by forms; text input produces strings
    # Number inputs produce numbers; forms check that integers are whole.
    return target.kind == "integer" and value.kind == "number"


def comparable(a: Type, b: Type) -> bool:
    """Whether ``a == b`` can ever be true (comparing text with a number cannot)."""
    if "any" in (a.kind, b.kind) or "null" in (a.kind, b.kind):
        return True
    if a.is_number and b.is_number:
        return True
    if a.is_string and b.is_string:
        return True
    return a.kind == b.kind and (a.kind != "record" or a.model == b.model)


def unify(a: Type, b: Type) -> Type | None:
    """The type of ``x if c else y``."""
    if a == b:
        return a
    if a.kind == "null":
        return b
    if b.kind == "null":
        return a
    if "any" in (a.kind, b.kind):
        return ANY
    if a.is_number and b.is_number:
        return NUMBER
    if a.is_string and b.is_string:
        return STRING
    if a.kind == "list" and b.kind == "list":
        inner = unify(a.of or ANY, b.of or ANY)
        return list_of(inner) if inner else None
    return None


def literal_type(value: Any) -> Type:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, list):
        return list_of(ANY)
    return ANY


def check_literal(value: Any, type_: Type, models: Mapping[str, Any],
                  depth: int = 0) -> str | None:
    """Why literal data does not fit ``type_`` (None when it does). Used for defaults."""
    if value is None or type_.kind == "any" or depth > 20:
        return None
    kind = type_.kind
    if kind in ("string", "email", "url", "date", "enum"):
        if not isinstance(value, str):
            return f"expected text for {type_}, got {_describe(value)}"
        if kind == "email" and value and not EMAIL.match(value):
            return f"'{value}' is not an e-mail address"
        if kind == "url" and value and not URL.match(value):
            return f"'{value}' is not an http(s) URL"
        if kind == "date" and value:
            try:
                date.fromisoformat(value)
            except ValueError:
                return f"'{value}' is not a date (YYYY-MM-DD)"
        if kind == "enum" and value not in type_.values:
            return f"'{value}' is not one of {', '.join(type_.values)}"
        return None
    if kind == "boolean":
        return None if isinstance(value, bool) else f"expected true or false, got " \
            f"{_describe(value)}"
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"expected a number, got {_describe(value)}"
        if kind == "integer" and not (isinstance(value, int) or float(value).is_integer()):
            return f"expected a whole number, got {value}"
        return None
    if kind == "list":
        if not isinstance(value, list):
            return f"expected a list, got {_describe(value)}"
        for i, item in enumerate(value):
            problem = check_literal(item, type_.of or ANY, models, depth + 1)
            if problem:
                return f"item {i}: {problem}"
        return None
    if kind == "record":
        if not isinstance(value, dict):
            return f"expected a {type_.model} record (a mapping), got {_describe(value)}"
        fields = models.get(type_.model or "")
        if fields is None:
            return None
        for key in value:
            if key not in fields:
                return f"{type_.model} has no field '{key}'"
        for key, field_type in fields.items():
            problem = check_literal(value.get(key), field_type, models, depth + 1)
            if problem:
                return f"field '{key}': {problem}"
        return None
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
