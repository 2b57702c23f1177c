"""The ``bar_chart`` component: one labelled bar per element of a list."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from appforge import ir
from appforge.kinds.component import ComponentKind
from appforge.spec.base import IDENT_PATTERN, ExprRole, ListExpr, ScopedText, Text
from appforge.spec.components import Component


class BarChart(Component):
    """A horizontal bar chart: one labelled bar per element of a list."""

    type: Literal["bar_chart"]
    items: ListExpr = Field(description="A list expression, e.g. {{ state.expenses }}.")
    as_: str = Field(default="item", alias="as", pattern=IDENT_PATTERN,
                     description="The loop variable's name (default item).")
    title: Text | None = Field(default=None, description="A caption above the bars.")
    label: ScopedText = Field(description="Each bar's label, e.g. {{ item.name }}.")
    value: Annotated[str, ExprRole(kind="number", scoped=True)] = Field(
        description="Each bar's number, e.g. {{ item.amount }}.")
    max: float = Field(default=100, gt=0, description="The value of a full-width bar.")


def mobile_context(comp: ir.Component) -> Mapping[str, Any]:
    """The TypeScript of the bar function: (item, index) => { label, value }."""
    from appforge.targets.mobile import emit

    var = comp.props.get("as")
    label, value = comp.props.get("label"), comp.props.get("value")
    assert isinstance(var, ir.LoopVar) and isinstance(value, ir.Value)
    shown = emit.text(label) if isinstance(label, ir.Value) else '""'
    return {"bar": f"({var.symbol}: R.Value, {var.index_symbol}: number) => {{ "
                   f"void {var.index_symbol}; return {{ label: {shown}, "
                   f"value: R.num({emit.value(value)}) }}; }}"}


KIND = ComponentKind.from_folder(Path(__file__).parent, BarChart, repeats=True,
                                 web_dynamic=("items",), mobile_context=mobile_context)
