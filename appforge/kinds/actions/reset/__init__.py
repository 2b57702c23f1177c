"""``reset``: set a state key back to its default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, check_target
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import SpecModel
from appforge.targets.web.escape import js


class ResetAction(SpecModel):
    """Set a state key back to its default."""

    action: Literal["reset"]
    target: str = Field(description="A state key: state.<key>.")


@dataclass(frozen=True, slots=True)
class ResetNode:
    target: ir.Target
    default: object  # JSON value of the state key's default
    span: SourceSpan
    kind: Literal["reset"] = "reset"


def check(ac: ActionChecker, act: ResetAction) -> ResetNode | None:
    ctx = ac.ctx
    target = check_target(ctx, act, "target", act.target, ac.scope)
    if target is None:
        return None
    if target.root != "state" or target.path:
        ctx.error("E0400", "reset takes a state key, such as state.filter",
                  target.span, "set a field with `set` instead")
        return None
    return ResetNode(target, ctx.state_defaults.get(target.name), act.span)


def emit(em: Any, node: ResetNode) -> str:
    return f"A.reset({em.target(node.target)}, {js(node.default)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="reset", model=ResetAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: reset\n  target: state.filter\n",
)
