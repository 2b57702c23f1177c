"""The ``tabs`` component: a row of tabs, each showing its own panel (``tab`` components)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.components import ComponentChecker
from appforge.checker.expressions import Scope
from appforge.kinds.component import ComponentKind
from appforge.spec.base import BindRole
from appforge.spec.components import Children, Component


class Tabs(Component):
    """Tabs: each child is a `tab` with a label; one panel shows at a time."""

    container: ClassVar[bool] = True
    type: Literal["tabs"]
    bind: Annotated[str | None, BindRole(kinds=("integer",))] = Field(
        default=None, description="An integer path holding the open tab's position (0 is the "
        "first); without it the first tab opens and the choice is the screen's own.")
    children: Children = Field(default_factory=list, description="The `tab` components.")


def check(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    """Every child is a ``tab`` (its label is the tab's name), and there is at least one."""
    tabs: Tabs = comp
    if not tabs.children:
        cc.ctx.error("E0416", "tabs needs at least one tab", tabs.span_of("type"),
                     "add children: [{type: tab, label: ..., children: [...]}]")
    for i, child in enumerate(tabs.children):
        kind = getattr(child, "type", None)
        if kind != "tab":
            cc.ctx.error("E0416", f"a child of tabs must be a tab, not {kind!r}",
                         tabs.span_of("children", i, "type"),
                         "wrap it: {type: tab, label: ..., children: [...]}")


def journey_ids(comp: ir.Component, app: ir.App) -> list[tuple[str, str, bool]]:
    return [("", "tabs", False)]


KIND = ComponentKind.from_folder(Path(__file__).parent, Tabs, check, journey_ids=journey_ids)
