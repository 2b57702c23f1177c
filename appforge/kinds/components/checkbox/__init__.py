"""The ``checkbox`` component (its widget is the runtime's Check, shared with ``switch``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import BindRole, Text
from appforge.spec.components import ChangeActions, Component


class Checkbox(Component):
    """A checkbox bound to a boolean."""

    type: Literal["checkbox"]
    bind: Annotated[str, BindRole(kinds=("boolean",))] = Field(description="A boolean path.")
    label: Text | None = Field(default=None, description="The visible label.")
    on_change: ChangeActions = Field(default_factory=list,
                                     description="Actions run on change (event.value).")


KIND = ComponentKind.from_folder(Path(__file__).parent, Checkbox)
