"""``toggle``: flip a boolean path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, check_target
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import SpecModel


class ToggleAction(SpecModel):
    """Flip a boolean path."""

    action: Literal["toggle"]
    target: str = Field(description="A boolean path.")


@dataclass(frozen=True, slots=True)
class ToggleNode:
    target: ir.Target
    span: SourceSpan
    kind: Literal["toggle"] = "toggle"


def check(ac: ActionChecker, act: ToggleAction) -> ToggleNode | None:
    target = check_target(ac.ctx, act, "target", act.target, ac.scope, ("boolean",))
    return ToggleNode(target, act.span) if target else None


def emit(em: Any, node: ToggleNode) -> str:
    return f"A.toggle({em.target(node.target)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="toggle", model=ToggleAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: toggle\n  target: task.done\n",
)
