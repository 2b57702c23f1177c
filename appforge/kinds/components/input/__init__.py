"""The ``input`` component (its widget is the runtime's Input, shared with ``textarea``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from appforge import ir
from appforge.kinds.component import ComponentKind
from appforge.spec.base import BindRole, Text
from appforge.spec.components import TEXT_KINDS, ChangeActions, Component

if TYPE_CHECKING:
    from appforge.checker.components import ComponentChecker
    from appforge.checker.expressions import Scope


class Input(Component):
    """A one-line text, number, date, e-mail, URL or password input."""

    type: Literal["input"]
    bind: Annotated[str, BindRole(kinds=TEXT_KINDS)] = Field(
        description="The path the input reads and writes.")
    label: Text | None = Field(default=None, description="The visible label.")
    kind: Literal["text", "email", "password", "number", "date", "url"] = Field(
        default="text", description="text, email, password, number, date or url.")
    placeholder: Text | None = Field(default=None, description="Hint text while empty.")
    on_change: ChangeActions = Field(default_factory=list,
                                     description="Actions run on change (event.value).")


def check(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    """A number input writes numbers: its bind must be a number, and a number's input must say
    ``kind: number``."""
    field: Input = comp
    bind = props.get("bind")
    if not isinstance(bind, ir.Target) or bind.type.kind == "any":
        return
    numeric = bind.type.is_number
    if numeric and field.kind != "number":
        cc.ctx.error("E0300", f"'{field.bind}' is {bind.type}; a text input writes text",
                     field.span_of("bind"), "add kind: number")
    elif field.kind == "number" and not numeric:
        cc.ctx.error("E0300", f"a number input writes numbers, but '{field.bind}' is "
                     f"{bind.type}", field.span_of("kind"), "bind a number or integer")


def mobile_context(comp: ir.Component) -> Mapping[str, Any]:
    """``kind``: the input's kind, ``integer`` for a number input whose bind holds integers
    (its keyboard has no decimal separator)."""
    kind = comp.prop("kind") or "text"
    bind = comp.props.get("bind")
    if kind == "number" and isinstance(bind, ir.Target) and bind.type.kind == "integer":
        kind = "integer"
    return {"kind": kind}


def journey_ids(comp: ir.Component, app: ir.App) -> list[tuple[str, str, bool]]:
    """A date input is its own kind of element to a journey (``pick_date:``)."""
    return [("", "input:date" if comp.prop("kind") == "date" else "input", True)]


KIND = ComponentKind.from_folder(Path(__file__).parent, Input, check, journey_ids=journey_ids,
                                 mobile_context=mobile_context)
