"""Check components generically, by the roles of their keys, into IR components.

Any registered component (a plugin's too) is checked by its fields' roles. A kind that repeats
(list, table) gets its loop variable here; rules beyond roles (a form's model, a select's
options, an input's kind against its bind) are the kind's own ``check``, in its folder
(:mod:`appforge.kinds.components`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any, cast

from appforge import ir
from appforge.checker.actions import ActionChecker, check_target, text_value
from appforge.checker.composites import expand
from appforge.checker.context import Context, where
from appforge.checker.expressions import Scope
from appforge.diagnostics import SourceSpan
from appforge.ir import ANY
from appforge.kinds.component import component_kind
from appforge.spec.base import (
    ActionsRole,
    BindRole,
    ChildrenRole,
    ExprRole,
    PageRefRole,
    ParamsRole,
    Role,
    SpecModel,
    TextRole,
    role_of,
)
from appforge.spec.components import Component
from appforge.spec.composite import CompositeUse


@cache
def _role(cls: type[SpecModel], name: str) -> Role | None:
    return role_of(cls.model_fields[name])


@cache
def _fields(cls: type[SpecModel], repeats: bool) -> tuple[tuple[str, str, Role | None], ...]:
    """(field name, spec key, role) of a component class, computed once per class (a
    repeating kind's ``items`` and ``as`` are the loop's, checked before the rest)."""
    skip = ("type", "id", "visible", "items", "as_") if repeats else ("type", "id", "visible")
    return tuple((name, info.alias or name, _role(cls, name))
                 for name, info in cls.model_fields.items() if name not in skip)


class ComponentChecker:
    """Walks a page body. ``ids`` tracks test ids outside list items (they must be unique)."""

    def __init__(self, ctx: Context, page_id: str) -> None:
        self.ctx = ctx
        self.page_id = page_id
        self.ids: dict[str, SourceSpan] = {}
        self._counter = 0

    def next_id(self, kind: str) -> str:
        """A code-safe identifier, unique in the app and stable while other pages change.

        Page ids are identifiers and the suffix is always ``_<kind><digits>``, so two pages
        can never produce the same name; numbering per page means editing one page leaves
        every other page's generated code byte-identical (incremental rebuilds rely on it).
        """
        self._counter += 1
        return f"{self.page_id}_{kind}{self._counter}"

    def children(self, items: list[Any], scope: Scope, in_loop: bool) -> tuple[ir.Component, ...]:
        out: list[ir.Component] = []
        for c in items:
            if isinstance(c, CompositeUse):  # a component written in the spec: its body
                out.extend(expand(self, c, scope, in_loop))
            else:
                out.append(self.component(c, scope, in_loop))
        return tuple(out)

    def claim_id(self, test_id: str | None, span: SourceSpan, in_loop: bool,
                 hint: str = "ids are test hooks and must be unique on a page") -> bool:
        """Note a test id outside list items; False (and E0401) when the page has it already."""
        if test_id is None or in_loop:
            return True
        first = self.ids.get(test_id)
        if first is not None:
            if first != span:
                self.ctx.error("E0401", f"id '{test_id}' is used twice on page "
                               f"'{self.page_id}'", span, hint,
                               related=((first, "first used here"),))
            return False
        self.ids[test_id] = span
        return True

    def component(self, comp: Component, scope: Scope, in_loop: bool) -> ir.Component:
        ctx = self.ctx
        test_id = comp.id
        if scope.frame is not None:  # inside a spec component's body: <use id>-<id>
            test_id = scope.frame.claim(self, comp, in_loop)
        elif test_id is not None:
            self.claim_id(test_id, comp.span_of("id"), in_loop)
        visible = None
        if comp.visible is not None:
            visible = ctx.record(ctx.checker(scope).value(comp.visible, where(comp, "visible"),
                                                          "boolean"))
        props: dict[str, ir.Prop] = {}
        events: dict[str, tuple[ir.Action, ...]] = {}
        slots: dict[str, tuple[ir.Component, ...]] = {}
        inner = scope
        kind = component_kind(comp.type)
        repeats = kind is not None and kind.repeats
        if repeats:
            items = ctx.record(ctx.checker(scope).value(getattr(comp, "items", None),
                                                        where(comp, "items"), "list"))
            props["items"] = items
            loop_var = self._loop_var(comp, items)
            props["as"] = loop_var
            inner = scope.with_loop(loop_var)
        for name, key, role in _fields(type(comp), repeats):
            value = getattr(comp, name)
            field_scope = inner if role is not None and role.scoped else scope
            if isinstance(role, ActionsRole):
                events[key] = self._event(comp, role, value, field_scope, props)
            elif isinstance(role, ChildrenRole):
                slots[key] = self.children(value, field_scope, in_loop or role.scoped)
            else:
                props[key] = self._prop(comp, key, value, role, field_scope, inner)
        if kind is not None and kind.check is not None:
            kind.check(self, comp, props, scope)
        return ir.Component(type=comp.type, uid=self.next_id("c"), test_id=test_id, props=props,
                            events=events, slots=slots, visible=visible, span=comp.span)

    def _prop(self, owner: SpecModel, key: str, value: Any, role: Role | None, scope: Scope,
              inner: Scope) -> ir.Prop:
        ctx = self.ctx
        if value is None:
            return None
        if isinstance(role, TextRole):
            return text_value(ctx, owner, key, value, scope)
        if isinstance(role, ExprRole):
            if isinstance(value, list):
                return None  # a literal option list; the component's own check handles it
            return ctx.record(ctx.checker(scope).value(value, where(owner, key), role.kind))
        if isinstance(role, BindRole):
            target = check_target(ctx, owner, key, value, scope, role.kinds)
            if target is not None and target.root == "state":
                ctx.state_reads.add(target.name)
            return target
        if isinstance(role, (PageRefRole, ParamsRole)):
            return value if isinstance(role, PageRefRole) else None
        if isinstance(value, SpecModel):
            return self.prop_map(value, scope, inner)
        if isinstance(value, list):
            return tuple(self.prop_map(v, scope, inner) if isinstance(v, SpecModel) else v
                         for v in value)
        return cast(ir.Prop, value)  # plain config: level, variant, rows, ...

    def prop_map(self, model: SpecModel, scope: Scope, inner: Scope) -> ir.PropMap:
        """A nested model's keys checked by their roles (``inner``: the loop's scope)."""
        items = []
        for name, info in type(model).model_fields.items():
            role = _role(type(model), name)
            field_scope = inner if role is not None and role.scoped else scope
            key = info.alias or name
            items.append((key, self._prop(model, key, getattr(model, name), role, field_scope,
                                          inner)))
        return ir.PropMap(tuple(items))

    def _event(self, comp: Component, role: ActionsRole, value: list[Any], scope: Scope,
               props: dict[str, ir.Prop]) -> tuple[ir.Action, ...]:
        if role.provides == "form":
            # (Read only here: getattr with a default on a model without the field is
            # Pydantic's slow path, and most events are a button's.)
            model = getattr(comp, "model", None)
            if isinstance(model, str):
                form_type = ir.Type("record", model=model) if model in self.ctx.models else ANY
                scope = replace(scope, form=form_type)
        elif role.provides == "event":
            # Keys are checked in declaration order, so the bind is already resolved.
            bind = props.get("bind")
            event_type = bind.type if isinstance(bind, ir.Target) else ANY
            scope = replace(scope, event=event_type)
        return ActionChecker(self.ctx, scope).actions(value)

    def _loop_var(self, comp: Component, items: ir.Value) -> ir.LoopVar:
        name: str = getattr(comp, "as_", "item")
        element = items.type.of if items.type.kind == "list" and items.type.of else ANY
        return ir.LoopVar(name, self.next_id(f"l{len(name)}{name}_"), element,
                          self.next_id("i"), _state_list(items.expr))


def _state_list(expr: ir.Expr) -> str | None:
    """The state list a loop's records live in, when writes through them can go back."""
    if isinstance(expr, ir.Ref) and expr.root == "state":
        return expr.name
    if isinstance(expr, ir.Call) and expr.function == "where" and expr.args:
        return _state_list(expr.args[0])
    return None
