"""Constant folding: the value of an IR expression, computed as the runtimes would.

The checker folds every call and operator whose operands are constants into a literal (so
``{{ upper(env.REGION) }}`` costs nothing at run time, and later checks see the value); the
semantics tests evaluate the cases of ``specs/semantics/`` with it, given values for their
variables. The meaning of each operator and coercion is in :mod:`appforge.kinds.values`, that of
each function in its kind's Python implementation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from appforge import ir
from appforge.kinds import values as v
from appforge.kinds.function import functions


class NotConstant(Exception):
    """The expression reads something only the running app knows (state, now())."""


def evaluate(e: ir.Expr, variables: Mapping[str, v.Value] | None = None) -> v.Value:
    """The value of ``e``; ``variables`` gives loop variables (by name) a value."""
    if isinstance(e, ir.Literal_):
        return e.value
    if isinstance(e, ir.Ref):
        if e.root == "loop" and variables is not None and e.name in variables:
            return variables[e.name]
        raise NotConstant(e.root)
    if isinstance(e, ir.Member):
        return v.member(evaluate(e.obj, variables), e.name)
    if isinstance(e, ir.Index):
        return v.index(evaluate(e.obj, variables), evaluate(e.index, variables))
    if isinstance(e, ir.Call):
        kind = functions().get(e.function)
        if kind is None or kind.evaluate is None:
            raise NotConstant(e.function)
        return kind.evaluate(*(evaluate(a, variables) for a in e.args))
    if isinstance(e, ir.Unary):
        operand = evaluate(e.operand, variables)
        if e.op == "not":
            return not v.truthy(operand)
        n = v.to_num(operand)
        return -0.0 if n == 0 and not (isinstance(n, float) and math.copysign(1, n) < 0) \
            else v.number(-n)
    if isinstance(e, ir.Binary):
        return _binary(e.op, evaluate(e.left, variables), evaluate(e.right, variables))
    if isinstance(e, ir.Conditional):
        chosen = e.then if v.truthy(evaluate(e.condition, variables)) else e.otherwise
        return evaluate(chosen, variables)
    if isinstance(e, ir.Template):
        return "".join(p if isinstance(p, str) else v.to_str(evaluate(p, variables))
                       for p in e.parts)
    if isinstance(e, ir.ObjectLit):
        return {k: evaluate(x, variables) for k, x in e.fields}
    return [evaluate(x, variables) for x in e.items]


def _binary(op: str, a: v.Value, b: v.Value) -> v.Value:
    if op == "and":
        return v.truthy(a) and v.truthy(b)
    if op == "or":
        return v.truthy(a) or v.truthy(b)
    if op == "==":
        return v.eq(a, b)
    if op == "!=":
        return not v.eq(a, b)
    if op == "+":
        return v.add(a, b)
    if op in ("<", "<=", ">", ">="):
        return v.compare(op, a, b)
    return v.arithmetic(op, v.to_num(a), v.to_num(b))


def fold(e: ir.Expr) -> ir.Expr:
    """``e`` as a literal of its own type when its operands are literals and its value is
    plain data a literal can hold (finite numbers); else ``e`` itself. The checker calls this
    on every call and operator, so the common case (an operand is not a literal) returns at
    once."""
    lit = ir.Literal_
    if isinstance(e, ir.Binary):
        if type(e.left) is not lit or type(e.right) is not lit:
            return e
    elif isinstance(e, ir.Call):
        for arg in e.args:
            if type(arg) is not lit:
                return e
    elif isinstance(e, ir.Unary):
        if type(e.operand) is not lit:
            return e
    elif isinstance(e, ir.Conditional):
        if type(e.condition) is not lit or type(e.then) is not lit or \
                type(e.otherwise) is not lit:
            return e
    elif isinstance(e, ir.Member):
        if type(e.obj) is not lit:
            return e
    elif isinstance(e, ir.Index):
        if type(e.obj) is not lit or type(e.index) is not lit:
            return e
    else:
        return e
    try:
        value = evaluate(e)
    except NotConstant:
        return e
    if not _plain(value):
        return e
    return ir.Literal_(value, e.type, e.span)


def _plain(value: v.Value, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if isinstance(value, float):
        # NaN, the infinities and -0 have no JSON literal
        return math.isfinite(value) and not (value == 0 and math.copysign(1, value) < 0)
    if isinstance(value, list):
        return all(_plain(x, depth + 1) for x in value)
    if isinstance(value, dict):
        return all(_plain(x, depth + 1) for x in value.values())
    return True
