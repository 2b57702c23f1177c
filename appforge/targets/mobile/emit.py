"""IR -> TypeScript expressions, actions and targets for the mobile runtime.

Spec strings only ever become JSON-escaped string literals (:func:`escape.js`), never JSX text,
comments or template literals; loop variables are identifiers made by the checker.
"""

from __future__ import annotations

from appforge import ir
from appforge.targets.web.escape import js

_NUMERIC = {"-", "*", "/", "%"}
_ORDER = {"<", "<=", ">", ">="}


def expr(e: ir.Expr) -> str:
    if isinstance(e, ir.Literal_):
        return js(e.value)
    if isinstance(e, ir.Ref):
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
        return e.symbol
    if isinstance(e, ir.Member):
        return f"R.m({expr(e.obj)}, {js(e.name)})"
    if isinstance(e, ir.Index):
        return f"R.i({expr(e.obj)}, {expr(e.index)})"
    if isinstance(e, ir.Call):
        return f"R.F.{e.function}(" + ", ".join(expr(a) for a in e.args) + ")"
    if isinstance(e, ir.Unary):
        inner = expr(e.operand)
        return f"(!R.truthy({inner}))" if e.op == "not" else f"(-R.num({inner}))"
    if isinstance(e, ir.Binary):
        a, b = expr(e.left), expr(e.right)
        if e.op in ("and", "or"):
            return f"(R.truthy({a}) {'&&' if e.op == 'and' else '||'} R.truthy({b}))"
        if e.op == "==":
            return f"R.eq({a}, {b})"
        if e.op == "!=":
            return f"(!R.eq({a}, {b}))"
        if e.op == "+":
            return f"R.add({a}, {b})"
        if e.op in _NUMERIC:
            return f"(R.num({a}) {e.op} R.num({b}))"
        return f"(R.cmp({a}, {b}) {e.op} 0)"
    if isinstance(e, ir.Conditional):
        return f"(R.truthy({expr(e.condition)}) ? {expr(e.then)} : {expr(e.otherwise)})"
    if isinstance(e, ir.Template):
        return "(" + " + ".join(js(p) if isinstance(p, str) else f"R.str({expr(p)})"
                                for p in e.parts) + ")"
    if isinstance(e, ir.ObjectLit):
        return "{ " + ", ".join(f"{js(k)}: {expr(v)}" for k, v in e.fields) + " }"
    if isinstance(e, ir.ListLit):
        return "[" + ", ".join(expr(i) for i in e.items) + "]"
    raise TypeError(f"unknown expression {e!r}")  # pragma: no cover


def value(v: ir.Value) -> str:
    return expr(v.expr)


def text(v: ir.Value | None) -> str:
    return "R.str(" + value(v) + ")" if v is not None else '""'


def fn(v: ir.Value) -> str:
    return f"(c: Ctx) => ({value(v)})"


def target(t: ir.Target) -> str:
    if t.root == "state":
        return f'{{ r: "state", n: {js(t.name)}, p: {js(list(t.path))} }}'
    return f'{{ r: "loop", rec: {t.symbol}, p: {js(list(t.path))}, l: {js(t.state_key)} }}'


def actions(items: tuple[ir.Action, ...]) -> str:
    return "[" + ", ".join(action(a) for a in items) + "]"


def action(a: ir.Action) -> str:
    if isinstance(a, (ir.SetAction, ir.AppendAction)):
        return f"A.{a.kind}({target(a.target)}, {fn(a.value)})"
    if isinstance(a, ir.RemoveAction):
        return f"A.remove({target(a.target)}, {fn(a.item)})"
    if isinstance(a, ir.ToggleAction):
        return f"A.toggle({target(a.target)})"
    if isinstance(a, ir.ResetAction):
        return f"A.reset({target(a.target)}, {js(a.default)})"
    if isinstance(a, ir.NavigateAction):
        params = ", ".join(f"{js(k)}: {fn(v)}" for k, v in a.params)
        return f"A.navigate({js(a.page)}, {{ {params} }})"
    if isinstance(a, ir.FetchAction):
        return f"A.fetch({js(a.source)})"
    if isinstance(a, ir.ToastAction):
        return f"A.toast({fn(a.message)})"
    if isinstance(a, ir.IfAction):
        return f"A.if({fn(a.condition)}, {actions(a.then)}, {actions(a.otherwise)})"
    if isinstance(a, ir.OpenUrlAction):
        return f"A.open_url({fn(a.url)})"
    if isinstance(a, ir.TrackAction):
        props = ", ".join(f"{js(k)}: {fn(v)}" for k, v in a.props)
        return f"A.track({js(a.event)}, {{ {props} }})"
    raise TypeError(f"unknown action {a!r}")  # pragma: no cover
