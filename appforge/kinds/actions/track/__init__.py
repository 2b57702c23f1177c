"""``track``: send an analytics event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, data_value
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import AnyValue, SpecModel
from appforge.targets.web.escape import js, js_key


class TrackAction(SpecModel):
    """Send an analytics event to app.analytics.url (nothing when it is not set)."""

    action: Literal["track"]
    event: str = Field(description="The event name.")
    props: dict[str, AnyValue] = Field(default_factory=dict, description="Event properties.")


@dataclass(frozen=True, slots=True)
class TrackNode:
    event: str
    props: tuple[tuple[str, ir.Value], ...]
    span: SourceSpan
    kind: Literal["track"] = "track"


def check(ac: ActionChecker, act: TrackAction) -> TrackNode:
    props = tuple((k, data_value(ac.ctx, act, ("props", k), v, ac.scope))
                  for k, v in act.props.items())
    return TrackNode(act.event, props, act.span)


def emit(em: Any, node: TrackNode) -> str:
    props = ", ".join(f"{js_key(k)}: {em.fn(v)}" for k, v in node.props)
    return f"A.track({js(node.event)}, {{{props}}})"


HERE = folder(__file__)
KIND = ActionKind(
    name="track", model=TrackAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: track\n  event: signup\n  props: {plan: \"{{ state.plan }}\"}\n",
)
