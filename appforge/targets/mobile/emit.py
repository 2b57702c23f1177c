"""IR -> TypeScript for the mobile runtime: the web emitter's translation, with the mobile
runtime's names for state, params and loop variables, typed action functions, and ordering
through ``R.cmp`` (TypeScript does not compare arbitrary values with ``<``).

Spec strings only ever become JSON-escaped string literals (:func:`escape.js`), never JSX text,
comments or template literals; loop variables are identifiers made by the checker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from contextvars import ContextVar
from types import MappingProxyType

from appforge import ir
from appforge.targets.mobile.tidy import code_only
from appforge.targets.web.emit import Emitter
from appforge.targets.web.escape import js


class TsEmitter(Emitter):
    """Loop variables are plain TypeScript variables in the screen's closures, so no scope
    mapping is needed: the IR's symbols are used as they are."""

    target_name = "mobile"

    def expr(self, e: ir.Expr) -> str:
        if isinstance(e, ir.Call):
            return f"R.F.{e.function}(" + ", ".join(self.expr(a) for a in e.args) + ")"
        return super().expr(e)

    def _ref(self, e: ir.Ref) -> str:
        if e.root == "state":
            return f"g({js(e.name)})"
        if e.root == "params":
            return f"R.m(P, {js(e.name)})"
        if e.root == "data":
            return f"d({js(e.name)})"
        if e.root == "form":
            return "c.form"
        if e.root == "event":
            return "c.event"
        return local(e.symbol)

    def _binary(self, e: ir.Binary) -> str:
        if e.op in ("<", "<=", ">", ">="):
            return f"(R.cmp({self.expr(e.left)}, {self.expr(e.right)}) {e.op} 0)"
        return super()._binary(e)

    def fn(self, value: ir.Value) -> str:
        """An expression evaluated when an action runs: a function of the action's context
        when it reads ``form`` or ``event``, else of nothing."""
        code = self.expr(value.expr)
        reads = re.search(r"(?<![\w$.])c\.(?:form|event)\b", code_only(code)) is not None
        return f"({'c: Ctx' if reads else ''}) => ({code})"

    def target(self, t: ir.Target) -> str:
        if t.root == "state":
            return f'{{ r: "state", n: {js(t.name)}, p: {js(list(t.path))} }}'
        rec = local(t.symbol)
        return f'{{ r: "loop", rec: {rec}, p: {js(list(t.path))}, l: {js(t.state_key)} }}'


#: The TypeScript name of each loop symbol in scope (the spec's name where it is free): set by
#: the mobile render around a loop's body, see ``render._loop_names``.
LOCALS: ContextVar[Mapping[str, str]] = ContextVar("LOCALS", default=MappingProxyType({}))


#: How often emitted code has read each loop variable, by TypeScript name: a list's item
#: function declares its index only when its body read it (compare before and after).
READS: Counter[str] = Counter()


def local(symbol: str) -> str:
    """The TypeScript variable of a loop's item or index symbol (counted in READS)."""
    name = LOCALS.get().get(symbol, symbol)
    READS[name] += 1
    return name


_EMITTER = TsEmitter()
#: The emitter of the app's top level, for kinds that write their own code.
EMITTER = _EMITTER


def value(v: ir.Value) -> str:
    return _EMITTER.expr(v.expr)


def text(v: ir.Value | None) -> str:
    return "R.str(" + value(v) + ")" if v is not None else '""'


def fn(v: ir.Value) -> str:
    return _EMITTER.fn(v)


def target(t: ir.Target) -> str:
    return _EMITTER.target(t)


def actions(items: tuple[ir.Action, ...]) -> str:
    return _EMITTER.actions(items)
