"""Check components generically, by the roles of their keys, into IR components.

Any registered component (a plugin's too) is checked by its fields' roles. A few built-ins need
rules beyond roles (a list's loop variable, a form's model, a select's options, an input's kind
against its bind); those are hooks in ``EXTRA_CHECKS``, keyed by component type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, cast

from appforge import ir
from appforge.checker.actions import (
    ActionChecker,
    check_page_params,
    check_target,
    check_url,
    text_value,
)
from appforge.checker.composites import expand
from appforge.checker.context import Context, where
from appforge.checker.expressions import Scope
from appforge.checker.types import assignable, literal_type
from appforge.diagnostics import SourceSpan, did_you_mean, one_of
from appforge.ir import ANY
from appforge.loader.project import path_problem
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
from appforge.spec.components import Component, Form, Image, Input, Link, ListView, Select, Table
from appforge.spec.composite import CompositeUse


@cache
def _role(cls: type[SpecModel], name: str) -> Role | None:
    return role_of(cls.model_fields[name])


@cache
def _fields(cls: type[SpecModel]) -> tuple[tuple[str, str, Role | None], ...]:
    """(field name, spec key, role) of a component class, computed once per class."""
    return tuple((name, info.alias or name, _role(cls, name))
                 for name, info in cls.model_fields.items()
                 if name not in ("type", "id", "visible", "items", "as_"))


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
        else:
            self.claim_id(test_id, comp.span_of("id"), in_loop)
        visible = None
        if comp.visible is not None:
            visible = ctx.record(ctx.checker(scope).value(comp.visible, where(comp, "visible"),
                                                          "boolean"))
        props: dict[str, ir.Prop] = {}
        events: dict[str, tuple[ir.Action, ...]] = {}
        slots: dict[str, tuple[ir.Component, ...]] = {}
        inner = scope
        loop_var = None
        if isinstance(comp, (ListView, Table)):
            items = ctx.record(ctx.checker(scope).value(comp.items, where(comp, "items"), "list"))
            props["items"] = items
            loop_var = self._loop_var(comp, items)
            props["as"] = loop_var
            inner = scope.with_loop(loop_var)
        for name, key, role in _fields(type(comp)):
            value = getattr(comp, name)
            field_scope = inner if role is not None and role.scoped else scope
            if isinstance(role, ActionsRole):
                events[key] = self._event(comp, role, value, field_scope, props)
            elif isinstance(role, ChildrenRole):
                slots[key] = self.children(value, field_scope, in_loop or role.scoped)
            else:
                props[key] = self._prop(comp, key, value, role, field_scope, inner)
        item_key = props.get("key")
        if isinstance(comp, ListView) and isinstance(item_key, ir.Value) and \
                item_key.type.kind not in ("any", "null") and \
                not (item_key.type.is_string or item_key.type.is_number):
            ctx.error("E0300", f"a list key must be text or a number, not {item_key.type}",
                      item_key.span, "use a field that identifies the item, e.g. its id")
        extra = EXTRA_CHECKS.get(comp.type)
        if extra is not None:
            extra(self, comp, props, scope)
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
            return self._prop_map(value, scope, inner)
        if isinstance(value, list):
            return tuple(self._prop_map(v, scope, inner) if isinstance(v, SpecModel) else v
                         for v in value)
        return cast(ir.Prop, value)  # plain config: level, variant, rows, ...

    def _prop_map(self, model: SpecModel, scope: Scope, inner: Scope) -> ir.PropMap:
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
        if role.provides == "form" and isinstance(comp, Form):
            form_type = ir.Type("record", model=comp.model) \
                if comp.model in self.ctx.models else ANY
            scope = replace(scope, form=form_type)
        elif role.provides == "event":
            # Keys are checked in declaration order, so the bind is already resolved.
            bind = props.get("bind")
            event_type = bind.type if isinstance(bind, ir.Target) else ANY
            scope = replace(scope, event=event_type)
        return ActionChecker(self.ctx, scope).actions(value)

    def _loop_var(self, comp: ListView | Table, items: ir.Value) -> ir.LoopVar:
        element = items.type.of if items.type.kind == "list" and items.type.of else ANY
        return ir.LoopVar(comp.as_, self.next_id(f"l{len(comp.as_)}{comp.as_}_"), element,
                          self.next_id("i"), _state_list(items.expr))


def _state_list(expr: ir.Expr) -> str | None:
    """The state list a loop's records live in, when writes through them can go back."""
    if isinstance(expr, ir.Ref) and expr.root == "state":
        return expr.name
    if isinstance(expr, ir.Call) and expr.function == "where" and expr.args:
        return _state_list(expr.args[0])
    return None


# ---- component-specific rules ----------------------------------------------------------------


def _check_link(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    ctx = cc.ctx
    link: Link = comp
    if (link.to is None) == (link.url is None):
        ctx.error("E0101", "a link needs either `to` (a page) or `url`", link.span,
                  "to: home, or url: https://example.com")
        return
    if link.to is not None:
        params = check_page_params(ctx, link, link.to, link.params, scope, "to")
        props["params"] = params or ()
    else:
        if link.params:
            ctx.error("E0403", "`params` go with `to`, not with `url`", link.span_of("params"))
        url = props.get("url")
        if isinstance(url, ir.Value):
            check_url(ctx, url, ("http", "https", "mailto", "tel"))


def _check_image(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    image: Image = comp
    src = props.get("src")
    if not isinstance(src, ir.Value):
        return
    if isinstance(src.expr, ir.Literal_) and isinstance(src.expr.value, str):
        value = src.expr.value
        if "://" in value or value.startswith(("data:", "javascript:")) or ":" in value[:12]:
            check_url(cc.ctx, src, ("http", "https"))
            return
        problem = path_problem(value)
        if problem is not None:
            cc.ctx.error("E0408", f"image {value!r}: {problem}", image.span_of("src"),
                         "put the file under the project's assets/ folder and write "
                         "assets/<file>")
            return
        root = Path(cc.ctx.root)
        canonical = _asset_form(value)
        path = (root / value).resolve() if canonical == value else root
        if canonical != value:
            # The path is written into the app as it is: it must be the file's own path from
            # the project folder, or the image is broken (../assets/a.png) or points elsewhere.
            hint = f"write it as '{canonical}'" if canonical else \
                "put the file under the project's assets/ folder and write assets/<file>"
            cc.ctx.error("E0408", f"image '{value}' must be an https URL or a path under "
                         "assets/ from the project folder, without ./, ../, // or a leading /",
                         image.span_of("src"), hint)
        elif not path.is_relative_to(root / "assets"):  # a symlink out of assets/
            cc.ctx.error("E0408", f"image '{value}' must be an https URL or a file under "
                         "assets/", image.span_of("src"),
                         "it is a link to a file outside assets/: copy the file into assets/")
        elif not path.exists():
            cc.ctx.error("E0408", f"image file '{value}' does not exist", image.span_of("src"),
                         "put the file under the project's assets/ folder")
        elif not path.is_file():
            cc.ctx.error("E0408", f"image '{value}' is not a regular file (a folder, FIFO or "
                         "device?)", image.span_of("src"), "point it at an image file")
        else:
            # The name the app asks for (a link inside assets/ is copied under its own name).
            cc.ctx.assets.add(value)
    else:
        check_url(cc.ctx, src, ("http", "https"))


def _asset_form(value: str) -> str | None:
    """The canonical form of a local image path (assets/a.png), or None when it is not under
    assets/ once its ./ and ../ parts are followed from the project folder."""
    if not value.isprintable():  # NUL or a control character: no file of ours
        return None
    parts: list[str] = []
    for part in value.replace("\\", "/").split("/"):
        if part == "..":
            if not parts:
                return None  # above the project folder
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    if len(parts) < 2 or parts[0] != "assets":
        return None
    return "/".join(parts)


def _check_form(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    ctx = cc.ctx
    form: Form = comp
    fields = ctx.model_fields.get(form.model)
    if fields is None:
        ctx.error("E0210", f"unknown model '{form.model}'", form.span_of("model"),
                  did_you_mean(form.model, ctx.models) or one_of(ctx.models))
        props["fields"] = ()
        return
    names = [f.name for f in fields]
    editable = {f.name for f in fields if f.type.kind not in ("record", "list")}
    chosen = form.fields if form.fields is not None else [n for n in names if n in editable]
    for i, name in enumerate(chosen):
        if name not in names:
            ctx.error("E0404", f"model {form.model} has no field '{name}'",
                      form.span_of("fields", i), did_you_mean(name, names) or one_of(names))
        elif name not in editable:
            ctx.error("E0404", f"a form cannot edit field '{name}' (a record or a list)",
                      form.span_of("fields", i), "edit it with its own form or list")
    props["fields"] = tuple(n for n in chosen if n in editable)


def _check_select(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop],
                  scope: Scope) -> None:
    select: Select = comp
    bind = props.get("bind")
    if isinstance(select.options, list):
        props["options"] = tuple(
            o if isinstance(o, ir.PropMap) else
            ir.PropMap((("label", _lit(str(o).lower() if isinstance(o, bool) else _text(o),
                                       select.span_of("options", i))),
                        ("value", o)))
            for i, o in enumerate(_option_maps(cc, select, scope)))
        bind_type = bind.type if isinstance(bind, ir.Target) else None
        for i, option in enumerate(select.options):
            raw = option.value if isinstance(option, SpecModel) else option
            if bind_type is not None and not assignable(literal_type(raw), bind_type):
                cc.ctx.error("E0300", f"option {raw!r} does not fit '{select.bind}' "
                             f"({bind_type})", select.span_of("options", i))
    elif select.options is None:
        if isinstance(bind, ir.Target) and bind.type.kind == "enum":
            span = select.span
            props["options"] = tuple(ir.PropMap((("label", _lit(v, span)), ("value", v)))
                                     for v in bind.type.values)
        else:
            cc.ctx.error("E0101", "a select needs `options` (its bind is not an enum)",
                         select.span, "options: [a, b, c]")


def _option_maps(cc: ComponentChecker, select: Select, scope: Scope) -> list[Any]:
    out: list[Any] = []
    for option in select.options or []:
        if isinstance(option, SpecModel):
            out.append(cc._prop_map(option, scope, scope))
        else:
            out.append(option)
    return out


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _lit(text: str, span: SourceSpan) -> ir.Value:
    return ir.Value(ir.Literal_(text, ir.STRING, span), frozenset())


def _check_input(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    field: Input = comp
    bind = props.get("bind")
    if not isinstance(bind, ir.Target) or bind.type.kind == "any":
        return
    numeric = bind.type.is_number
    if numeric and field.kind != "number":
        cc.ctx.error("E0300", f"'{field.bind}' is {bind.type}; a text input writes text",
                     field.span_of("bind"), "add kind: number")
    elif field.kind == "number" and not numeric:
        cc.ctx.error("E0300", f"a number input writes numbers, but '{field.bind}' is "
                     f"{bind.type}", field.span_of("kind"), "bind a number or integer")


EXTRA_CHECKS: dict[str, Callable[[ComponentChecker, Any, dict[str, ir.Prop], Scope], None]] = {
    "link": _check_link,
    "image": _check_image,
    "form": _check_form,
    "select": _check_select,
    "input": _check_input,
}
