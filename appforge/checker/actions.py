"""Check assignable paths (binds, action targets), data values and action lists."""

from __future__ import annotations

from typing import Any
from urllib.parse import SplitResult, urlsplit

from appforge import ir
from appforge.checker import parser as p
from appforge.checker.context import Context, at_path, where
from appforge.checker.expressions import Located, Scope
from appforge.checker.types import assignable, literal_type
from appforge.diagnostics import did_you_mean, one_of
from appforge.ir import ANY, STRING
from appforge.spec.actions import EmitAction
from appforge.spec.base import SpecModel

SAFE_URL_SCHEMES = ("http", "https", "mailto", "tel")


def check_target(ctx: Context, owner: SpecModel, key: str, text: str, scope: Scope,
                 kinds: tuple[str, ...] = ()) -> ir.Target | None:
    """Resolve an assignable path such as ``state.draft`` or ``task.done``."""
    loc = where(owner, key)
    raw = text.strip()
    if raw.startswith("{{") and raw.endswith("}}"):
        raw = raw[2:-2]
        loc = loc.shifted(text.index("{{") + 2)
    try:
        node = p.parse_expression(raw)
    except p.ParseError as exc:
        ctx.error("E0200", f"invalid path: {exc.message}", loc.at(exc.start, exc.end), exc.hint)
        return None
    chain: list[p.Attr] = []
    base = node
    while isinstance(base, p.Attr):
        chain.insert(0, base)
        base = base.obj
    span = loc.at(node.start, node.end)
    if not isinstance(base, p.Name):
        ctx.error("E0400", "only a state key, a loop variable or their fields can be assigned",
                  span, "write e.g. state.draft or task.done")
        return None
    if base.name == "state":
        if not chain:
            ctx.error("E0400", "'state' alone cannot be assigned", span, "write state.<key>")
            return None
        key_node = chain.pop(0)
        state_key = key_node.name
        if state_key not in ctx.state:
            ctx.error("E0203", f"unknown state key '{state_key}'",
                      loc.at(key_node.name_start, key_node.end),
                      did_you_mean(state_key, ctx.state) or one_of(ctx.state))
            return None
        root, name, t, symbol = "state", state_key, ctx.state[state_key], ""
    elif base.name in scope.loops and base.name != "index":
        var = scope.loops[base.name]
        if var.state_key is None:
            ctx.error("E0400", f"'{base.name}' comes from a computed list, so it cannot be "
                      "assigned", span, "loop over a state list, or where(state.<list>, ...)")
            return None
        root, name, t, symbol, state_key = "loop", base.name, var.type, var.symbol, var.state_key
    else:
        what = {"form": "form values", "params": "page parameters", "data": "data sources",
                "env": "build settings", "event": "event values", "index": "the loop index"}
        reason = what.get(base.name)
        if base.name == "props" and scope.props is not None:
            ctx.error("E0400", "a component's props cannot be assigned", span,
                      "emit an event and let the use's actions change the value")
        elif reason:
            ctx.error("E0400", f"{reason} cannot be assigned", span,
                      "assign a state key: state.<key>")
        else:
            ctx.error("E0201", f"unknown name '{base.name}'", span,
                      did_you_mean(base.name, [*scope.loops, "state"]) or
                      "assign a state key: state.<key>")
        return None
    path: list[str] = []
    for attr in chain:
        if t.kind != "record":
            ctx.error("E0202", f"{t} has no field '{attr.name}'",
                      loc.at(attr.name_start, attr.end))
            return None
        fields = ctx.models.get(t.model or "", {})
        if attr.name not in fields:
            ctx.error("E0202", f"{t.model} has no field '{attr.name}'",
                      loc.at(attr.name_start, attr.end),
                      did_you_mean(attr.name, fields) or one_of(fields))
            return None
        t = fields[attr.name]
        path.append(attr.name)
    if kinds and t.kind not in kinds and t.kind != "any":
        ctx.error("E0300", f"'{text.strip()}' is {t}, but this needs "
                  f"{' or '.join(kinds)}", span)
    return ir.Target(root, name, tuple(path), t, state_key, span, symbol)  # type: ignore[arg-type]


def check_into(ctx: Context, src: Any, scope: Scope) -> ir.Target | None:
    """A data source's ``into``: a state key (not a field of one), read by the app."""
    if src.into is None:
        return None
    target = check_target(ctx, src, "into", src.into, scope)
    if target is not None:
        if target.root != "state" or target.path:
            ctx.error("E0407", "`into` names a state key, such as state.quotes",
                      src.span_of("into"))
            return None
        ctx.state_reads.add(target.name)
    return target


def data_value(ctx: Context, owner: SpecModel, keys: tuple[str | int, ...], raw: Any,
               scope: Scope, expected: ir.Type | None = None, depth: int = 0) -> ir.Value:
    """A YAML value whose strings may hold expressions: mappings become records."""
    loc = at_path(owner, keys)
    checker = ctx.checker(scope)
    if isinstance(raw, str):
        return ctx.record(checker.text(raw, loc))
    if isinstance(raw, dict) and depth < 20:
        fields: list[tuple[str, ir.Expr]] = []
        deps: set[str] = set()
        model_fields = ctx.models.get(expected.model or "", {}) \
            if expected is not None and expected.kind == "record" else None
        for k, v in raw.items():
            want = None
            if model_fields is not None:
                if k not in model_fields:
                    ctx.error("E0202", f"{expected} has no field '{k}'",
                              owner.key_span(*keys, k),
                              did_you_mean(str(k), model_fields) or one_of(model_fields))
                    continue
                want = model_fields[k]
            item = data_value(ctx, owner, (*keys, k), v, scope, want, depth + 1)
            if want is not None:
                check_assign(ctx, item, want, f"field '{k}'")
            fields.append((str(k), item.expr))
            deps |= item.deps
        t = expected if model_fields is not None and expected else ir.Type("any")
        return ir.Value(ir.ObjectLit(tuple(fields), t, loc.span), frozenset(deps))
    if isinstance(raw, list) and depth < 20:
        element = expected.of if expected is not None and expected.kind == "list" else None
        items = [data_value(ctx, owner, (*keys, i), v, scope, element, depth + 1)
                 for i, v in enumerate(raw)]
        deps = set().union(*(i.deps for i in items)) if items else set()
        return ir.Value(ir.ListLit(tuple(i.expr for i in items),
                                   ir.list_of(element or ANY), loc.span), frozenset(deps))
    return ir.Value(ir.Literal_(raw, literal_type(raw), loc.span), frozenset())


def check_assign(ctx: Context, value: ir.Value, target: ir.Type, what: str) -> None:
    if not assignable(value.type, target):
        ctx.error("E0300", f"{what} is {target}, but the value is {value.type}", value.span)


class ActionChecker:
    """Checks one event's action list in a scope."""

    def __init__(self, ctx: Context, scope: Scope) -> None:
        self.ctx = ctx
        self.scope = scope

    def actions(self, items: list[Any]) -> tuple[ir.Action, ...]:
        out: list[ir.Action] = []
        for item in items:
            if isinstance(item, EmitAction):  # a spec component's event: the use's actions
                from appforge.checker.composites import emitted

                out.extend(emitted(self.ctx, self.scope, item))
                continue
            action = self.action(item)
            if action is not None:
                out.append(action)
        return tuple(out)

    def action(self, act: Any) -> ir.Action | None:
        """The IR node of one action, by its kind's own checker rule."""
        from appforge.kinds.action import action_kinds

        return action_kinds()[act.action].check(self, act)


def list_item(ac: ActionChecker, act: Any, key: str,
              raw: Any) -> tuple[ir.Target, ir.Value] | None:
    """The list an action's ``target`` names and the item value at ``key`` (append, remove)."""
    ctx = ac.ctx
    target = check_target(ctx, act, "target", act.target, ac.scope)
    if target is None:
        return None
    if target.type.kind not in ("list", "any"):
        ctx.error("E0300", f"{act.action} needs a list, but '{target.dotted}' is "
                  f"{target.type}", target.span)
        return None
    element = target.type.of or ANY
    value = data_value(ctx, act, (key,), raw, ac.scope, element)
    check_assign(ctx, value, element, f"an item of '{target.dotted}'")
    return target, value


def check_page_params(ctx: Context, owner: SpecModel, page: str | None,
                      given: dict[str, Any], scope: Scope,
                      key: str) -> tuple[tuple[str, ir.Value], ...] | None:
    """Check a navigate/link's page id and its params against the page's declaration."""
    if page is None:
        return None
    if page not in ctx.page_params:
        ctx.error("E0207", f"unknown page '{page}'", owner.span_of(key),
                  did_you_mean(page, ctx.page_params) or one_of(ctx.page_params))
        return None
    ctx.reached_pages.add(page)
    declared = ctx.page_params[page]
    out = []
    for name, raw in given.items():
        if name not in declared:
            ctx.error("E0403", f"page '{page}' has no parameter '{name}'",
                      owner.key_span("params", name),
                      did_you_mean(name, declared) or
                      (one_of(declared) if declared else "this page takes no parameters"))
            continue
        value = data_value(ctx, owner, ("params", name), raw, scope)
        check_assign(ctx, value, declared[name], f"parameter '{name}'")
        out.append((name, value))
    missing = [n for n in declared if n not in given]
    if missing:
        ctx.error("E0403", f"page '{page}' needs the parameter"
                  f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                  owner.span_of(key), f"add params: {{{missing[0]}: ...}}")
    return tuple(out)


def split_url(url: str) -> SplitResult | None:
    """urlsplit, or None for text it cannot split (it raises on a bad IPv6 host)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def check_url(ctx: Context, url: ir.Value, schemes: tuple[str, ...]) -> None:
    """Refuse a URL whose constant start has a scheme we do not allow (javascript:, data:)."""
    expr = url.expr
    prefix = None
    if isinstance(expr, ir.Literal_) and isinstance(expr.value, str):
        prefix = expr.value
    elif isinstance(expr, ir.Template) and isinstance(expr.parts[0], str):
        prefix = expr.parts[0]
    if prefix is None:
        return  # computed: the targets check the scheme at run time
    stripped = "".join(prefix.split()).lower()
    if ":" in stripped.split("/", 1)[0]:
        parts = split_url(stripped)
        if parts is None:
            ctx.error("E0409", "this is not a valid URL", url.span)
            return
        scheme = parts.scheme
        if scheme not in schemes:
            ctx.error("E0409", f"URL scheme '{scheme}:' is not allowed", url.span,
                      f"use {', '.join(s + ':' for s in schemes)}")


def text_value(ctx: Context, owner: SpecModel, key: str, value: str, scope: Scope) -> ir.Value:
    return ctx.record(ctx.checker(scope).text(value, where(owner, key)))


__all__ = [
    "STRING",
    "ActionChecker",
    "Located",
    "check_assign",
    "check_into",
    "check_page_params",
    "check_target",
    "check_url",
    "data_value",
    "list_item",
    "split_url",
    "text_value",
]
