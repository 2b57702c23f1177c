"""Actions: what events do. One model per action, told apart by the ``action`` key."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from appforge.spec.base import AnyValue, BoolExpr, SpecModel, Text


class SetAction(SpecModel):
    """Set an assignable path to a value."""

    action: Literal["set"]
    target: str = Field(
        description="An assignable path: state.<key>[.field] or a loop variable's field.")
    value: AnyValue = Field(description="The new value: a literal or an expression.")


class AppendAction(SpecModel):
    """Append a value to a list."""

    action: Literal["append"]
    target: str = Field(description="A list path.")
    value: AnyValue = Field(
        description="The item to append: a record written as a mapping, or an expression.")


class RemoveAction(SpecModel):
    """Remove an item from a list."""

    action: Literal["remove"]
    target: str = Field(description="A list path.")
    item: AnyValue = Field(description="The item to remove, usually the loop variable: {{ task }}.")


class ToggleAction(SpecModel):
    """Flip a boolean path."""

    action: Literal["toggle"]
    target: str = Field(description="A boolean path.")


class ResetAction(SpecModel):
    """Set a state key back to its default."""

    action: Literal["reset"]
    target: str = Field(description="A state key: state.<key>.")


class NavigateAction(SpecModel):
    """Go to a page, with its parameters."""

    action: Literal["navigate"]
    to: str = Field(description="A page id.")
    params: dict[str, AnyValue] = Field(default_factory=dict, description="Page parameters.")


class FetchAction(SpecModel):
    """Fetch a REST data source and wait for its reply."""

    action: Literal["fetch"]
    source: str = Field(description="A data source name.")


class ToastAction(SpecModel):
    """Show a short message."""

    action: Literal["toast"]
    message: Text = Field(description="The message text.")


class IfAction(SpecModel):
    """Run one list of actions or another, by a condition."""

    action: Literal["if"]
    condition: BoolExpr = Field(description="A boolean expression.")
    then: list[AnyAction] = Field(default_factory=list, description="Actions when true.")
    else_: list[AnyAction] = Field(default_factory=list, alias="else",
                                   description="Actions when false.")


class OpenUrlAction(SpecModel):
    """Open a URL (http, https, mailto or tel) in a new tab or the system browser."""

    action: Literal["open_url"]
    url: Text = Field(description="The URL.")


class TrackAction(SpecModel):
    """Send an analytics event to app.analytics.url (nothing when it is not set)."""

    action: Literal["track"]
    event: str = Field(description="The event name.")
    props: dict[str, AnyValue] = Field(default_factory=dict, description="Event properties.")


class EmitAction(SpecModel):
    """Inside a component's body (`components:`): run the actions a use gave for an event."""

    action: Literal["emit"]
    event: str = Field(description="One of the component's `events`.")


ACTION_MODELS: dict[str, type[SpecModel]] = {
    "set": SetAction,
    "append": AppendAction,
    "remove": RemoveAction,
    "toggle": ToggleAction,
    "reset": ResetAction,
    "navigate": NavigateAction,
    "fetch": FetchAction,
    "toast": ToastAction,
    "if": IfAction,
    "open_url": OpenUrlAction,
    "track": TrackAction,
    "emit": EmitAction,
}


def _action_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        tag = value.get("action")
        return tag if isinstance(tag, str) else None
    return getattr(value, "action", None)


AnyAction = Annotated[
    Annotated[SetAction, Tag("set")]
    | Annotated[AppendAction, Tag("append")]
    | Annotated[RemoveAction, Tag("remove")]
    | Annotated[ToggleAction, Tag("toggle")]
    | Annotated[ResetAction, Tag("reset")]
    | Annotated[NavigateAction, Tag("navigate")]
    | Annotated[FetchAction, Tag("fetch")]
    | Annotated[ToastAction, Tag("toast")]
    | Annotated[IfAction, Tag("if")]
    | Annotated[OpenUrlAction, Tag("open_url")]
    | Annotated[TrackAction, Tag("track")]
    | Annotated[EmitAction, Tag("emit")],
    Discriminator(_action_tag),
]

IfAction.model_rebuild()
