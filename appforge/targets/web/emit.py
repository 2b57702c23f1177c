"""IR expressions, actions and targets -> JavaScript source, for the web runtime.

Identifiers in the output come from a safe alphabet (loop symbols made by the checker); every
spec string becomes an escaped literal through :func:`escape.js`. Nothing from the spec is
pasted into code as is.
"""

from __future__ import annotations

from collections.abc import Mapping

from appforge import ir
from appforge.targets.web.escape import js, js_key

_BINARY_NUMERIC = {"-", "*", "/", "%"}
#: Templates with more parts than this are joined from an array rather than with +.
MAX_CONCATENATED = 16
_COMPARE = {"<", "<=", ">", ">="}


class Emitter:
    """Translates expressions in one lexical scope: ``loops`` maps loop names to symbols."""

    #: The target whose action implementations this emitter writes.
    target_name = "web"

    def __init__(self, loops: Mapping[str, str] | None = None) -> None:
        self.loops = dict(loops or {})

    def with_loop(self, var: ir.LoopVar) -> Emitter:
        return Emitter({**self.loops, var.name: var.symbol, "index": var.index_symbol})

    # ---- values --------------------------------------------------------------------------

    def deps(self, value: ir.Value) -> list[str]:
        """The runtime's dependency keys for a value (params, form and event never change
        while the scope that reads them lives)."""
        out = set()
        for dep in value.deps:
            root, _, name = dep.partition(".")
            if root in ("state", "data"):
                out.add(dep)
            elif root == "loop":
                out.add(f"loop.{self.loops.get(name, name)}")
        return sorted(out)

    def value(self, value: ir.Value | None) -> str:
        """A constant literal, or ``D([deps], function (sc) { return ...; })``."""
        if value is None:
            return "null"
        if isinstance(value.expr, ir.Literal_) and not value.deps:
            return js(value.expr.value)
        return f"D({js(self.deps(value))}, {self.fn(value)})"

    def fn(self, value: ir.Value) -> str:
        return f"function (sc) {{ return {self.expr(value.expr)}; }}"

    # ---- expressions ---------------------------------------------------------------------

    def expr(self, e: ir.Expr) -> str:
        if isinstance(e, ir.Literal_):
            return js(e.value)
        if isinstance(e, ir.Ref):
            return self._ref(e)
        if isinstance(e, ir.Member):
            return f"R.m({self.expr(e.obj)}, {js(e.name)})"
        if isinstance(e, ir.Index):
            return f"R.i({self.expr(e.obj)}, {self.expr(e.index)})"
        if isinstance(e, ir.Call):
            args = ", ".join(self.expr(a) for a in e.args)
            return f"F.{e.function}({args})"
        if isinstance(e, ir.Unary):
            inner = self.expr(e.operand)
            return f"(!{inner})" if e.op == "not" else f"(-R.num({inner}))"
        if isinstance(e, ir.Binary):
            return self._binary(e)
        if isinstance(e, ir.Conditional):
            return (f"({self.expr(e.condition)} ? {self.expr(e.then)} : "
                    f"{self.expr(e.otherwise)})")
        if isinstance(e, ir.Template):
            parts = [js(p) if isinstance(p, str) else f"R.str({self.expr(p)})" for p in e.parts]
            if len(parts) > MAX_CONCATENATED:
                # A text may hold thousands of {{ }} parts: a + chain that long is a tree
                # thousands deep, which tsc checks in superlinear time (20,000 parts did not
                # finish in 5 minutes); a flat array is checked in linear time.
                return "[" + ", ".join(parts) + "].join(\"\")"
            return "(" + " + ".join(parts) + ")"
        if isinstance(e, ir.ObjectLit):
            fields = ", ".join(f"{js_key(k)}: {self.expr(v)}" for k, v in e.fields)
            return "{" + fields + "}"
        if isinstance(e, ir.ListLit):
            return "[" + ", ".join(self.expr(i) for i in e.items) + "]"
        raise TypeError(f"unknown expression {e!r}")  # pragma: no cover

    def _ref(self, e: ir.Ref) -> str:
        if e.root == "state":
            return f"R.g({js(e.name)})"
        if e.root == "params":
            return f"sc.p[{js(e.name)}]"
        if e.root == "data":
            return f"R.d({js(e.name)})"
        if e.root == "form":
            return "sc.f"
        if e.root == "event":
            return "sc.e"
        return f"sc.v.{e.symbol}"

    def _binary(self, e: ir.Binary) -> str:
        a, b = self.expr(e.left), self.expr(e.right)
        if e.op == "and":
            return f"(!!{a} && !!{b})"
        if e.op == "or":
            return f"(!!{a} || !!{b})"
        if e.op == "==":
            return f"R.eq({a}, {b})"
        if e.op == "!=":
            return f"(!R.eq({a}, {b}))"
        if e.op == "+":
            return f"R.add({a}, {b})"
        if e.op in _BINARY_NUMERIC:
            return f"(R.num({a}) {e.op} R.num({b}))"
        return f"({a} {e.op} {b})"

    # ---- targets and actions -------------------------------------------------------------

    def target(self, t: ir.Target) -> str:
        if t.root == "state":
            return f'{{r: "state", n: {js(t.name)}, p: {js(list(t.path))}, ' \
                   f'deps: {js(["state." + t.name])}}}'
        return (f'{{r: "loop", s: {js(t.symbol)}, p: {js(list(t.path))}, l: {js(t.state_key)}, '
                f'deps: {js(["loop." + t.symbol])}}}')

    def actions(self, actions: tuple[ir.Action, ...]) -> str:
        return "[" + ", ".join(self.action(a) for a in actions) + "]"

    def action(self, a: ir.Action) -> str:
        """An action's call, written by its kind's implementation for this target."""
        from appforge.kinds.action import action_kinds

        impl = action_kinds()[a.kind].targets.get(self.target_name)
        if impl is None:  # validate reports it first (E0111)
            raise TypeError(f"the {self.target_name} target has no action '{a.kind}'")
        return impl.emit(self, a)


def type_descriptor(t: ir.Type) -> dict[str, object]:
    """The runtime's type check for persisted values and replies: {k, of, m, v}."""
    out: dict[str, object] = {"k": t.kind}
    if t.kind == "list":
        out["of"] = type_descriptor(t.of or ir.ANY)
    if t.kind == "record":
        out["m"] = t.model
    if t.kind == "enum":
        out["v"] = list(t.values)
    return out
