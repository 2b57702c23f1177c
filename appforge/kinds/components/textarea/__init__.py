"""The ``textarea`` component (its widget is the runtime's Input, shared with ``input``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import BindRole, Int, Text
from appforge.spec.components import Component


class TextArea(Component):
    """A multi-line text input."""

    type: Literal["textarea"]
    bind: Annotated[str, BindRole(kinds=("string",))] = Field(description="A string path.")
    label: Text | None = Field(default=None, description="The visible label.")
    rows: Int = Field(default=3, ge=1, le=100, description="Visible lines.")
    placeholder: Text | None = Field(default=None, description="Hint text while empty.")


KIND = ComponentKind.from_folder(Path(__file__).parent, TextArea)
