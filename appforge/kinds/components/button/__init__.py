"""The ``button`` component."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import BoolExpr, Text
from appforge.spec.components import Actions, Component


class Button(Component):
    """A button that runs actions."""

    type: Literal["button"]
    label: Text = Field(description="The button text.")
    variant: Literal["primary", "secondary", "danger"] = Field(
        default="primary", description="primary, secondary or danger.")
    disabled: BoolExpr | None = Field(default=None, description="Disabled while this is true.")
    on_click: Actions = Field(default_factory=list, description="Actions run on click.")


KIND = ComponentKind.from_folder(Path(__file__).parent, Button)
