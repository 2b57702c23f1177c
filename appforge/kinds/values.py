"""The expression language's values and coercions in Python, with JavaScript's meaning.

Both runtimes are JavaScript (web) and TypeScript (mobile), so the language means what their
helpers (``str``, ``num``, ``eq``, ``add``, ``m``, ``i``, ``cmp``) do; this module is the same
semantics for the checker's constant folding and for the function kinds' Python
implementations. ``specs/semantics/*.yaml`` holds the cases all three run.

Values are ``None`` (null), ``bool``, ``int``/``float`` (a JavaScript number), ``str``,
``list`` and ``dict`` (a record).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

Value = Any

#: What JavaScript's String.prototype.trim and Number() treat as white space.
JS_SPACE = ("\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
            "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\Z")
_RADIX = re.compile(r"0([xXoObB])([0-9a-fA-F]+)\Z")


def is_number(v: Value) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def number_str(x: float) -> str:
    """A number as JavaScript's ``String(x)`` writes it (ECMAScript Number::toString)."""
    if isinstance(x, int) and abs(x) <= 2**53:
        return str(x)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if x < 0:
        return "-" + number_str(-x)
    # repr is the shortest text that reads back as x, as JavaScript's digits are
    _sign, digits_t, exp = Decimal(repr(x)).normalize().as_tuple()
    digits = "".join(map(str, digits_t))
    k = len(digits)
    n = int(exp) + k  # x = 0.digits * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def to_str(v: Value) -> str:
    """The runtimes' ``str``: null as nothing, numbers as JavaScript prints them, a list as
    its items joined by ", ", a record as JSON."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if is_number(v):
        return number_str(v)
    if isinstance(v, list):
        return ", ".join(to_str(x) for x in v)
    if isinstance(v, dict):
        return json_stringify(v)
    return str(v)


def json_stringify(v: Value) -> str:
    """JavaScript's ``JSON.stringify`` of a value (non-finite numbers as null)."""
    import json

    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if is_number(v):
        return number_str(v) if math.isfinite(v) else "null"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(json_stringify(x) for x in v) + "]"
    return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + json_stringify(x)
                          for k, x in v.items()) + "}"


def js_number(v: Value) -> float:
    """JavaScript's ``Number(v)`` (NaN included)."""
    if v is None:
        return 0
    if isinstance(v, bool):
        return 1 if v else 0
    if is_number(v):
        return v  # type: ignore[no-any-return]
    if isinstance(v, str):
        s = v.strip(JS_SPACE)
        if not s:
            return 0
        if _DECIMAL.match(s):
            f = float(s.replace("Infinity", "inf"))
            return int(f) if f.is_integer() and abs(f) < 2**53 else f
        radix = _RADIX.match(s)
        if radix:
            base = {"x": 16, "o": 8, "b": 2}[radix[1].lower()]
            try:
                return int(radix[2], base)
            except ValueError:
                return math.nan
        return math.nan
    if isinstance(v, list):  # through String([...]), which joins with ","
        if not v:
            return 0
        return js_number(_array_join(v)) if len(v) == 1 else math.nan
    return math.nan


def _array_join(v: list[Value]) -> str:
    return ",".join("" if x is None else _array_join(x) if isinstance(x, list)
                    else to_str(x) if not isinstance(x, dict) else "[object Object]" for x in v)


def to_num(v: Value) -> float:
    """The runtimes' ``num``: a number, or 0 when the value is not one (NaN becomes 0)."""
    if is_number(v):
        return v  # type: ignore[no-any-return]
    if v is None or v == "":
        return 0
    n = js_number(v)
    return 0 if math.isnan(n) else n


def truthy(v: Value) -> bool:
    """JavaScript's truthiness: false, 0, NaN, "" and null are false; lists and records,
    empty ones too, are true."""
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    if is_number(v):
        return not (v == 0 or math.isnan(v))
    if isinstance(v, str):
        return v != ""
    return True


def eq(a: Value, b: Value) -> bool:
    """The runtimes' ``eq``: ===, with null equal only to null, and lists and records equal
    when their JSON is."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (list, dict)) and isinstance(b, (list, dict)):
        return json_stringify(a) == json_stringify(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_number(a) and is_number(b):
        return bool(a == b)
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    return False


def add(a: Value, b: Value) -> Value:
    """``+``: text when either side is text, else the sum of the numbers."""
    if isinstance(a, str) or isinstance(b, str):
        return to_str(a) + to_str(b)
    return arithmetic("+", to_num(a), to_num(b))


def arithmetic(op: str, x: float, y: float) -> float:
    """``-``, ``*``, ``/``, ``%`` (and ``+`` of numbers) as JavaScript computes them: in
    doubles, with / by zero Infinity (or NaN) and % keeping the dividend's sign."""
    if isinstance(x, int) and isinstance(y, int) and op in "+-*":
        exact = x + y if op == "+" else x - y if op == "-" else x * y
        return exact if abs(exact) <= 2**53 else float(exact)
    fx, fy = float(x), float(y)
    if op == "+":
        r = fx + fy
    elif op == "-":
        r = fx - fy
    elif op == "*":
        r = fx * fy
    elif op == "/":
        if fy == 0:
            r = math.nan if fx == 0 or math.isnan(fx) else math.copysign(math.inf, fx) * \
                math.copysign(1, fy)
        else:
            r = fx / fy
    else:  # %
        r = math.nan if fy == 0 or math.isinf(fx) else fx if math.isinf(fy) else \
            math.fmod(fx, fy)
    return number(r)


def number(r: float) -> float:
    """A double as the int it is when it is a whole number a double holds exactly (so that it
    prints and compares as one), -0 kept."""
    if isinstance(r, float) and r.is_integer() and abs(r) <= 2**53 and \
            not (r == 0 and math.copysign(1, r) < 0):
        return int(r)
    return r


def utf16(s: str) -> bytes:
    return s.encode("utf-16-be", "surrogatepass")


def length(s: str) -> int:
    """A text's length as JavaScript counts it: in UTF-16 code units."""
    return len(utf16(s)) // 2


def compare(op: str, a: Value, b: Value) -> bool:
    """``<``, ``<=``, ``>``, ``>=`` with JavaScript's meaning: two texts by their UTF-16 code
    units, anything else as numbers (null as 0; a comparison with NaN is false)."""
    a, b = _primitive(a), _primitive(b)
    if isinstance(a, str) and isinstance(b, str):
        x: Any = utf16(a)
        y: Any = utf16(b)
    else:
        x, y = js_number(a), js_number(b)
        if math.isnan(x) or math.isnan(y):
            return False
    if op == "<":
        return bool(x < y)
    if op == "<=":
        return bool(x <= y)
    if op == ">":
        return bool(x > y)
    return bool(x >= y)


def _primitive(v: Value) -> Value:
    if isinstance(v, list):
        return _array_join(v)
    if isinstance(v, dict):
        return "[object Object]"
    return v


def member(o: Value, key: str) -> Value:
    """``record.field``: the record's own field, else null."""
    return o.get(key) if isinstance(o, dict) else None


def index(lst: Value, i: Value) -> Value:
    """``list[i]``: the item at a whole index inside the list, else null."""
    if not isinstance(lst, list) or isinstance(i, bool) or not is_number(i):
        return None
    if isinstance(i, float) and not i.is_integer():
        return None
    n = int(i)
    return lst[n] if 0 <= n < len(lst) else None


def js_round(x: float) -> float:
    """JavaScript's Math.round: halves go up (towards +Infinity), and a negative number that
    rounds to 0 gives -0. (floor(x + 0.5) would be wrong for 0.49999999999999994, where the
    sum rounds up to 1.)"""
    if math.isnan(x) or math.isinf(x) or abs(x) >= 2**52:
        return x
    low = math.floor(x)
    r = low + 1 if x - low >= 0.5 else low
    return -0.0 if r == 0 and (x < 0 or math.copysign(1, x) < 0) else number(r)
