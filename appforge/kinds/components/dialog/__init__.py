"""The ``dialog`` component: a modal panel shown while a boolean state is true."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from appforge import ir
from appforge.kinds.component import ComponentKind
from appforge.spec.base import BindRole, Text
from appforge.spec.components import Actions, Children, Component


class Dialog(Component):
    """A modal dialog, open while its boolean is true; closing it sets the boolean false."""

    container: ClassVar[bool] = True
    type: Literal["dialog"]
    open: Annotated[str, BindRole(kinds=("boolean",))] = Field(
        description="A boolean path: the dialog shows while it is true; Escape, the close "
        "button or the back gesture set it false.")
    title: Text | None = Field(default=None, description="The dialog's title (its name for "
                               "screen readers).")
    children: Children = Field(default_factory=list, description="The components inside.")
    on_close: Actions = Field(default_factory=list,
                                   description="Actions run when the person closes it.")


def journey_ids(comp: ir.Component, app: ir.App) -> list[tuple[str, str, bool]]:
    """The dialog and its close button (``<id>-close``)."""
    return [("", "dialog", False), ("-close", "button", False)]


KIND = ComponentKind.from_folder(Path(__file__).parent, Dialog, journey_ids=journey_ids)
