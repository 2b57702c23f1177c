"""The ``list`` component."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field

from appforge import ir
from appforge.kinds.component import ComponentKind
from appforge.spec.base import IDENT_PATTERN, ExprRole, ListExpr, Text
from appforge.spec.components import Component, ScopedChildren

if TYPE_CHECKING:
    from appforge.checker.components import ComponentChecker
    from appforge.checker.expressions import Scope


class ListView(Component):
    """Repeats its item components for every element of a list."""

    container: ClassVar[bool] = True
    type: Literal["list"]
    items: ListExpr = Field(description="A list expression, e.g. {{ state.tasks }}.")
    as_: str = Field(default="item", alias="as", pattern=IDENT_PATTERN,
                     description="The loop variable's name (default item); `index` is its "
                     "position.")
    key: Annotated[str | None, ExprRole(kind="any", scoped=True)] = Field(
        default=None, description="What identifies an item across updates, e.g. {{ task.id }}.")
    empty: Text | None = Field(default=None, description="Text shown when there are no items.")
    item: ScopedChildren = Field(default_factory=list,
                                 description="Components shown for each item.")


def check(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    """A key is text or a number (the runtimes compare keys as such)."""
    key = props.get("key")
    if isinstance(key, ir.Value) and key.type.kind not in ("any", "null") and \
            not (key.type.is_string or key.type.is_number):
        cc.ctx.error("E0300", f"a list key must be text or a number, not {key.type}",
                     key.span, "use a field that identifies the item, e.g. its id")


def mobile_context(comp: ir.Component) -> Mapping[str, Any]:
    """``key`` (the item's key, or None: the list keys rows by position) with ``key_params``,
    and ``item_params()``, the parameters of the item function: each declares the index only
    when its code reads it (so call ``item_params`` once the item's children are rendered)."""
    from appforge.targets.mobile import emit

    var = comp.props.get("as")
    assert isinstance(var, ir.LoopVar)
    item, index = var.symbol, var.index_symbol

    def params(reads_index: bool) -> str:
        return f"({item}: R.Value, {index}: number)" if reads_index else f"({item}: R.Value)"

    start = emit.READS[index]
    key = comp.props.get("key")
    key_code = emit.text(key) if isinstance(key, ir.Value) else None
    after_key = emit.READS[index]
    return {"key": key_code, "key_params": params(after_key > start),
            "item_params": lambda: params(emit.READS[index] > after_key),
            "item_count": len(comp.slots.get("item", ()))}


def journey_ids(comp: ir.Component, app: ir.App) -> list[tuple[str, str, bool]]:
    """The node, and each of its items (``<id>-item``)."""
    return [("", "list", True), ("-item", "item", False)]


KIND = ComponentKind.from_folder(Path(__file__).parent, ListView, check, repeats=True,
                                 web_dynamic=("items", "key"), mobile_context=mobile_context,
                                 journey_ids=journey_ids)
