"""The ``heading`` component."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import Int, Text
from appforge.spec.components import Component


class Heading(Component):
    """A heading (h1–h6)."""

    type: Literal["heading"]
    text: Text = Field(description="The heading text.")
    level: Int = Field(default=1, ge=1, le=6, description="1 to 6.")


KIND = ComponentKind.from_folder(Path(__file__).parent, Heading)
