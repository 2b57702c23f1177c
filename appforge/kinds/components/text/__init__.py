"""The ``text`` component."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import Text
from appforge.spec.components import Component


class TextBlock(Component):
    """A paragraph of text."""

    type: Literal["text"]
    text: Text = Field(description="The text.")
    style: Literal["body", "muted", "error", "success"] = Field(
        default="body", description="body, muted, error or success.")


KIND = ComponentKind.from_folder(Path(__file__).parent, TextBlock)
