"""The ``row`` component (its widget is the runtime's Box, shared with ``column``)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import Int
from appforge.spec.components import Children, Component


class Row(Component):
    """Children side by side (wrapping on narrow screens)."""

    container: ClassVar[bool] = True
    type: Literal["row"]
    children: Children = Field(default_factory=list, description="The components.")
    gap: Int | None = Field(default=None, ge=0, le=200, description="Space between, in pixels.")
    align: Literal["start", "center", "end", "stretch", "between"] = Field(
        default="center", description="start, center, end, stretch or between.")


KIND = ComponentKind.from_folder(Path(__file__).parent, Row)
