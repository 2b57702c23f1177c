"""JSON data files (static data sources): parsed with the same limits as YAML specs.

``json.loads`` recurses once per nesting level (a RecursionError at about 1,000 levels), reads
``NaN``, ``Infinity`` and ``1e999`` as floats no target can write, and raises on integers past
Python's 4,300-digit limit. Here the nesting is measured by a linear scan before anything
recurses, and numbers are checked as they are read, so every problem is a message.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from appforge.loader.yaml_loader import MAX_DEPTH, MAX_NUMBER_CHARS

# A JSON string (skipped as a whole, so brackets inside it do not count) or a bracket.
_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class DataError(ValueError):
    """Why a JSON text cannot be data (the message is for a person)."""


def parse_json(text: str) -> Any:
    """The value of a JSON text, or :class:`DataError`."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError(f"it is nested deeper than {MAX_DEPTH} levels "
                                f"(at character {match.start() + 1})")
        elif char in "]}":
            depth -= 1
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except DataError:
        raise
    except (ValueError, RecursionError) as exc:
        raise DataError(f"it is not valid JSON: {exc}") from None


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise DataError(f"a number has {len(text)} digits, more than any app can use")
    value = int(text)
    try:
        _finite(float(value), text)
    except OverflowError:
        _finite(math.inf, text)
    return value


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise DataError(f"a number has {len(text)} digits, more than any app can use")
    value = float(text)
    _finite(value, text)
    return value


def _finite(value: float, text: str) -> None:
    if not math.isfinite(value):
        raise DataError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is too large "
                        "for JavaScript (it would be Infinity)")


def _constant(text: str) -> float:
    raise DataError(f"{text} is not a number JSON data may hold")
