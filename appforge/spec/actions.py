"""Actions: what events do. Each action kind's model lives in its folder
(``appforge/kinds/actions/<name>/``) and is registered under the ``appforge.actions`` entry
points; a list of actions is ``list[AnyAction]``, the union of every registered model told apart
by the ``action`` key, resolved once every kind is known (:func:`appforge.spec.prepare_models`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag

from appforge.spec.base import SpecModel

if TYPE_CHECKING:
    AnyAction = Any
else:
    # A forward reference: spec/registry.py's rebuild resolves it to the union below.
    AnyAction = "AnyAction"


def action_models() -> dict[str, type[SpecModel]]:
    """Every registered action's model by its ``action`` value."""
    from appforge.kinds.action import action_kinds

    # `emit` is not a kind: the checker replaces it by a use's actions (spec components), so
    # no target ever sees it.
    return {**{name: kind.model for name, kind in action_kinds().items()}, "emit": EmitAction}


class EmitAction(SpecModel):
    """Inside a component's body (`components:`): run the actions a use gave for an event."""

    action: Literal["emit"]
    event: str = Field(description="One of the component's `events`.")


def _action_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        tag = value.get("action")
        return tag if isinstance(tag, str) else None
    return getattr(value, "action", None)


def any_action() -> Any:
    """The discriminated union of every registered action (by the ``action`` key)."""
    members = tuple(Annotated[cls, Tag(name)] for name, cls in action_models().items())
    return Annotated[Union[members], Discriminator(_action_tag)]  # noqa: UP007
