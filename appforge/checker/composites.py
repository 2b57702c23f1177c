"""Expand the components written in the spec (``components:``) into their bodies.

A use is replaced, where it stands, by its definition's body checked for that use: ``props.x``
reads the value the use gave (checked in the use's scope, so it may read the use's loop
variables), ``{action: emit, event: e}`` runs the actions the use gave for ``e``, and
``{type: slot}`` places the use's own components. Targets see built-ins only, so a spec
component costs nothing at run time beyond its body.

Diagnostics are located once: a problem inside a body is reported by :func:`check_definitions`
(each body checked on its own, props typed as declared), a problem with a use (an ill-typed
prop, its own actions and slot content, a clashing id) at the use. Expanding a body for a use
checks it again with that use's values, quietly: those diagnostics would repeat the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from appforge import ir
from appforge.checker.actions import ActionChecker, check_assign, data_value
from appforge.checker.context import Context
from appforge.checker.expressions import Scope
from appforge.checker.types import check_literal, resolve
from appforge.diagnostics import Diagnostic, SourceSpan, did_you_mean, one_of
from appforge.ir import ANY, BOOLEAN
from appforge.spec.actions import EmitAction
from appforge.spec.base import SpecModel
from appforge.spec.composite import (
    SLOT_TYPE,
    CompositeSpec,
    CompositeUse,
    PropSpec,
    prop_spec,
)

if TYPE_CHECKING:
    from appforge.checker.components import ComponentChecker

#: The most components a project's uses may expand to (a chain of components each using the
#: next twice doubles at every step).
MAX_EXPANDED = 50_000


@dataclass
class _State:
    """Per build: each definition's prop types, and the expansion budget."""

    diags: list[Diagnostic]
    types: dict[str, dict[str, ir.Type]] = field(default_factory=dict)
    expanded: int = 0
    over_budget: bool = False


def _state(ctx: Context) -> _State:
    if ctx.composites is None:
        ctx.composites = _State(ctx.diags)
    state: _State = ctx.composites
    return state


@dataclass(frozen=True)
class _Slot:
    """A use's components for one slot, with the scope and diagnostics they belong to."""

    items: list[Any]
    scope: Scope
    in_loop: bool
    diags: list[Diagnostic]


@dataclass(frozen=True)
class Frame:
    """One expansion of a body: for a use, or (``use`` None) the definition on its own."""

    name: str
    definition: CompositeSpec
    use: CompositeUse | None
    checking: str | None  # the definition whose own check this expansion is part of
    stack: tuple[str, ...]
    events: Mapping[str, tuple[ir.Action, ...]]
    slots: Mapping[str, _Slot]
    prefix: str  # "<use id>-" for the ids inside
    use_diags: list[Diagnostic]
    id_span: SourceSpan
    clashed: list[str] = field(default_factory=list)  # one clash reported per use is enough

    def derive(self, inner: str | None) -> str | None:
        return None if inner is None else self.prefix + inner

    def claim(self, cc: ComponentChecker, comp: Any, in_loop: bool) -> str | None:
        """The test id of a component of the body for this use, claimed on the page."""
        test_id = self.derive(comp.id)
        if self.use is None:
            cc.claim_id(test_id, comp.span_of("id"), in_loop)
            return test_id
        diags = [] if self.clashed else self.use_diags
        saved, cc.ctx.diags = cc.ctx.diags, diags
        try:
            if not cc.claim_id(test_id, self.id_span, in_loop,
                               f"give each use of {self.name} its own `id`: the ids inside "
                               "become <id>-<inner id>"):
                self.clashed.append(test_id or "")
        finally:
            cc.ctx.diags = saved
        return test_id


def prop_types(ctx: Context, name: str) -> dict[str, ir.Type]:
    """The declared types of a definition's props (reported once when they are wrong)."""
    state = _state(ctx)
    found = state.types.get(name)
    if found is not None:
        return found
    named = ctx.spec.components[name]
    definition: CompositeSpec = named.spec
    types: dict[str, ir.Type] = {}
    for prop, raw in definition.props.items():
        spec = prop_spec(raw)
        path = ("components", name, "props", prop)
        resolved = resolve(spec.type, spec.of, spec.values, ctx.spec.models)
        span = named.doc.span((*path, "type") if isinstance(raw, PropSpec) else path)
        if isinstance(resolved, str):
            options = ["string", "number", "integer", "boolean", "date", "email", "url",
                       "enum", "list", *ctx.spec.models]
            wrong = spec.of if spec.type == "list" and spec.of else spec.type
            state.diags.append(Diagnostic(
                "E0211" if resolved.startswith("unknown type") else "E0101", resolved, span,
                hint=did_you_mean(wrong, options) or one_of(options)))
            resolved = ANY
        elif spec.default is not None:
            problem = check_literal(spec.default, resolved, ctx.spec.models)
            if problem:
                state.diags.append(Diagnostic("E0304", f"default of prop '{prop}' does not "
                                              f"fit: {problem}",
                                              named.doc.span((*path, "default"))))
        types[prop] = resolved
    state.types[name] = types
    return types


def check_definitions(ctx: Context) -> None:
    """Check each definition's body once, with its props typed as declared: problems inside a
    body are reported here, at the body, whether or not (and however often) it is used."""
    from appforge.checker.components import ComponentChecker

    state = _state(ctx)
    for name, named in ctx.spec.components.items():
        definition: CompositeSpec = named.spec
        props = {prop: ir.Value(ir.Member(ir.Literal_(None, ANY, definition.span), prop, t,
                                          definition.span), frozenset())
                 for prop, t in prop_types(ctx, name).items()}
        frame = Frame(name, definition, None, name, (name,), {}, {}, "", state.diags,
                      definition.span)
        scope = replace(ctx.base_scope(), props=props, frame=frame)
        ComponentChecker(ctx, name).children(definition.body, scope, in_loop=False)


def expand(cc: ComponentChecker, use: CompositeUse, scope: Scope,
           in_loop: bool) -> tuple[ir.Component, ...]:
    """The components a use stands for (a slot: the content the enclosing use gave)."""
    ctx = cc.ctx
    outer: Frame | None = scope.frame
    if use.type == SLOT_TYPE:
        return _place_slot(cc, use, outer, in_loop)
    args = use.args
    named = ctx.spec.components.get(use.type)
    if args is None or named is None:
        return ()  # reported when the spec was validated
    state = _state(ctx)
    stack = outer.stack if outer is not None else ()
    if use.type in stack:
        if outer is not None and use.type == outer.checking:
            chain = " -> ".join((*stack[stack.index(use.type):], use.type))
            state.diags.append(Diagnostic(
                "E0411", f"component '{use.type}' contains itself ({chain})",
                use.span_of("type"), hint="a component cannot use itself, directly or through "
                "another; pass the repeated part in through a slot"))
        return ()
    state.expanded += 1
    if state.expanded > MAX_EXPANDED:
        if not state.over_budget:
            state.over_budget = True
            state.diags.append(Diagnostic(
                "E0414", f"the spec's components expand to more than {MAX_EXPANDED:,} "
                "components", use.span_of("type"),
                hint="a component that uses another several times, which does the same, "
                "grows exponentially; use a list instead"))
        return ()
    definition: CompositeSpec = named.spec
    props = _props(ctx, use.type, args, scope)
    events = {event: ActionChecker(ctx, scope).actions(getattr(args, event))
              for event in definition.events}
    slots = {slot: _Slot(getattr(args, slot), scope, in_loop, ctx.diags)
             for slot in definition.slots}
    own_id: str | None = getattr(args, "id")  # noqa: B009
    use_id = outer.derive(own_id) if outer is not None else own_id
    id_span = use.span_of("id") if own_id is not None else use.span_of("type")
    cc.claim_id(use_id, id_span, in_loop)
    prefix = f"{use_id}-" if use_id is not None else (outer.prefix if outer else "")
    frame = Frame(use.type, definition, use, outer.checking if outer else None,
                  (*stack, use.type), events, slots, prefix, ctx.diags, id_span)
    body_scope = replace(ctx.base_scope(), props=props, frame=frame)
    saved, ctx.diags = ctx.diags, []  # the body's own problems: reported by its definition
    try:
        out = cc.children(definition.body, body_scope, in_loop)
    finally:
        ctx.diags = saved
    visible = _visible(ctx, use, args, scope)
    if len(out) == 1 and out[0].test_id is None and use_id is not None:
        out = (replace(out[0], test_id=use_id),)
    if visible is not None:
        out = tuple(replace(c, visible=_both(visible, c.visible)) for c in out)
    return out


def _props(ctx: Context, name: str, args: SpecModel, scope: Scope) -> dict[str, ir.Value]:
    """The value of each prop for one use: given (checked here) or the default."""
    definition: CompositeSpec = ctx.spec.components[name].spec
    out: dict[str, ir.Value] = {}
    for prop, t in prop_types(ctx, name).items():
        raw = getattr(args, prop)
        if raw is None:
            spec = prop_spec(definition.props[prop])
            default = spec.default
            if default is None:
                from appforge.checker.builder import implicit_default

                default = implicit_default(t)
            out[prop] = ir.Value(ir.Literal_(default, t, args.span_of("type")), frozenset())
            continue
        value = data_value(ctx, args, (prop,), raw, scope, t)
        if (isinstance(raw, str) and "{{" in raw) or isinstance(raw, (dict, list)):
            check_assign(ctx, value, t, f"prop '{prop}'")
        else:
            problem = check_literal(raw, t, ctx.models)
            if problem:
                ctx.error("E0300", f"prop '{prop}' is {t}: {problem}", args.span_of(prop))
        if isinstance(value.expr, ir.Literal_) and value.type != t and t.kind != "any":
            # A literal takes the declared type (3 for a number prop), as a default does.
            value = ir.Value(replace(value.expr, type=t), value.deps)
        out[prop] = value
    return out


def _visible(ctx: Context, use: CompositeUse, args: Any, scope: Scope) -> ir.Value | None:
    if args.visible is None:
        return None
    from appforge.checker.context import where

    return ctx.record(ctx.checker(scope).value(args.visible, where(args, "visible"), "boolean"))


def _both(a: ir.Value, b: ir.Value | None) -> ir.Value:
    if b is None:
        return a
    return ir.Value(ir.Binary("and", a.expr, b.expr, BOOLEAN, a.span), a.deps | b.deps)


def _place_slot(cc: ComponentChecker, use: CompositeUse, frame: Frame | None,
                in_loop: bool) -> tuple[ir.Component, ...]:
    ctx = cc.ctx
    args = use.args
    if args is None:
        return ()
    if frame is None:
        ctx.error("E0412", "a slot goes in the body of a component defined under "
                  "`components:`", use.span_of("type"),
                  "write the components here directly")
        return ()
    name: str = getattr(args, "name")  # noqa: B009
    if name not in frame.definition.slots:
        slots = list(frame.definition.slots)
        ctx.error("E0413", f"component '{frame.name}' has no slot '{name}'",
                  args.span_of("name") if args.has("name") else use.span_of("type"),
                  did_you_mean(name, slots) or
                  (one_of(slots) if slots else "declare it under the component's `slots`"))
        return ()
    content = frame.slots.get(name)
    if content is None or not content.items:
        return ()
    saved, ctx.diags = ctx.diags, content.diags
    try:
        return cc.children(content.items, content.scope, content.in_loop or in_loop)
    finally:
        ctx.diags = saved


def emitted(ctx: Context, scope: Scope, act: EmitAction) -> tuple[ir.Action, ...]:
    """The actions an ``emit`` stands for: those the use gave for the event."""
    frame: Frame | None = scope.frame
    if frame is None:
        ctx.error("E0412", "emit goes in the body of a component defined under `components:`",
                  act.span_of("action"), "run the actions here directly")
        return ()
    if act.event not in frame.definition.events:
        events = list(frame.definition.events)
        ctx.error("E0413", f"component '{frame.name}' has no event '{act.event}'",
                  act.span_of("event"), did_you_mean(act.event, events) or
                  (one_of(events) if events else "declare it under the component's `events`"))
        return ()
    return frame.events.get(act.event, ())
