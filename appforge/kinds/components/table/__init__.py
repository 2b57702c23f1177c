"""The ``table`` component."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.kinds.component import ComponentKind
from appforge.spec.base import IDENT_PATTERN, ListExpr, ScopedText, SpecModel, Text
from appforge.spec.components import Component


class TableColumn(SpecModel):
    label: Text = Field(description="The column header.")
    value: ScopedText = Field(description="The cell, usually an expression on the loop variable.")


class Table(Component):
    """A table with one row per list element."""

    type: Literal["table"]
    items: ListExpr = Field(description="A list expression.")
    as_: str = Field(default="item", alias="as", pattern=IDENT_PATTERN,
                     description="The loop variable's name (default item).")
    columns: list[TableColumn] = Field(min_length=1, description="[{label, value}] columns.")
    empty: Text | None = Field(default=None, description="Text shown when there are no rows.")


def mobile_context(comp: ir.Component) -> Mapping[str, Any]:
    """``params``: the row function's parameters (the index only when a cell reads it), the
    header ``labels`` and the row's ``cells`` (TypeScript arrays)."""
    from appforge.targets.mobile import emit

    var = comp.props.get("as")
    assert isinstance(var, ir.LoopVar)
    columns = [c for c in comp.props.get("columns") or () if isinstance(c, ir.PropMap)]  # type: ignore[union-attr]
    labels = [c.get("label") for c in columns]
    item, index = var.symbol, var.index_symbol
    start = emit.READS[index]
    cells = "[" + ", ".join(emit.text(c.get("value")) for c in columns  # type: ignore[arg-type]
                            if isinstance(c.get("value"), ir.Value)) + "]"
    params = f"({item}: R.Value, {index}: number)" if emit.READS[index] > start \
        else f"({item}: R.Value)"
    return {"params": params,
            "labels": "[" + ", ".join(emit.text(v) for v in labels
                                      if isinstance(v, ir.Value)) + "]",
            "cells": cells}


def journey_ids(comp: ir.Component, app: ir.App) -> list[tuple[str, str, bool]]:
    """The node, and each of its items (``<id>-item``)."""
    return [("", "table", True), ("-item", "item", False)]


KIND = ComponentKind.from_folder(Path(__file__).parent, Table, repeats=True,
                                 web_dynamic=("items",), mobile_context=mobile_context,
                                 journey_ids=journey_ids)
