"""The ``tab`` component: one tab of a ``tabs`` component, its label and its panel."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from appforge import ir
from appforge.kinds.component import ComponentKind
from appforge.spec.base import Text
from appforge.spec.components import Children, Component


class Tab(Component):
    """One tab of `tabs`: its label, and the components its panel shows."""

    container: ClassVar[bool] = True
    type: Literal["tab"]
    label: Text = Field(description="The tab's name, on its button.")
    children: Children = Field(default_factory=list, description="The panel's components.")


def journey_ids(comp: ir.Component, app: ir.App) -> list[tuple[str, str, bool]]:
    """The panel, and its tab's button (``<id>-tab``)."""
    return [("", "tab", False), ("-tab", "button", False)]


KIND = ComponentKind.from_folder(Path(__file__).parent, Tab, journey_ids=journey_ids)
