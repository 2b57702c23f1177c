"""The ``card`` component."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import Text
from appforge.spec.components import Children, Component


class Card(Component):
    """A panel with an optional title."""

    container: ClassVar[bool] = True
    type: Literal["card"]
    title: Text | None = Field(default=None, description="The card's title.")
    children: Children = Field(default_factory=list, description="The components.")


KIND = ComponentKind.from_folder(Path(__file__).parent, Card)
