"""The ``select`` component."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.types import assignable, literal_type
from appforge.diagnostics import SourceSpan
from appforge.kinds.component import ComponentKind
from appforge.spec.base import BindRole, ExprRole, SpecModel, Text
from appforge.spec.components import Component

if TYPE_CHECKING:
    from appforge.checker.components import ComponentChecker
    from appforge.checker.expressions import Scope


class SelectOption(SpecModel):
    label: Text = Field(description="What the option shows.")
    value: str | int | float | bool = Field(description="The value it sets.")


class Select(Component):
    """A drop-down choice."""

    type: Literal["select"]
    bind: Annotated[str, BindRole(kinds=("string", "enum", "number", "integer", "boolean"))] = \
        Field(description="The path the choice is written to.")
    label: Text | None = Field(default=None, description="The visible label.")
    options: Annotated[list[str | int | float | SelectOption] | str | None,
                       ExprRole(kind="list")] = Field(
        default=None, description="A list of values, of {label, value}, or an expression; "
        "defaults to an enum's values.")


def check(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    """Literal options fit the bind and become {label, value} maps; without options the bind
    must be an enum, whose values are the options."""
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
            out.append(cc.prop_map(option, scope, scope))
        else:
            out.append(option)
    return out


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _lit(text: str, span: SourceSpan) -> ir.Value:
    return ir.Value(ir.Literal_(text, ir.STRING, span), frozenset())


def mobile_context(comp: ir.Component) -> Mapping[str, Any]:
    """``options``: the TypeScript of the option list (an expression's list, or literal
    {label, value} pairs)."""
    from appforge.targets.mobile import emit
    from appforge.targets.web.escape import js

    options = comp.props.get("options")
    if isinstance(options, ir.Value):
        return {"options": f"R.list({emit.value(options)})"}
    items = []
    for option in options if isinstance(options, tuple) else ():
        if isinstance(option, ir.PropMap):
            label = option.get("label")
            shown = emit.text(label) if isinstance(label, ir.Value) else js("")
            items.append(f"{{ label: {shown}, value: {js(option.get('value'))} }}")
    return {"options": "[" + ", ".join(items) + "]"}


KIND = ComponentKind.from_folder(Path(__file__).parent, Select, check,
                                 mobile_context=mobile_context)
