"""The ``spacer`` component."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from appforge.kinds.component import ComponentKind
from appforge.spec.components import Component


class Spacer(Component):
    """Empty space that pushes neighbours apart."""

    type: Literal["spacer"]


KIND = ComponentKind.from_folder(Path(__file__).parent, Spacer)
