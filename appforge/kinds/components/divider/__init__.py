"""The ``divider`` component."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from appforge.kinds.component import ComponentKind
from appforge.spec.components import Component


class Divider(Component):
    """A horizontal rule."""

    type: Literal["divider"]


KIND = ComponentKind.from_folder(Path(__file__).parent, Divider)
