"""``set``: set an assignable path to a value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, check_assign, check_target, data_value
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import AnyValue, SpecModel


class SetAction(SpecModel):
    """Set an assignable path to a value."""

    action: Literal["set"]
    target: str = Field(
        description="An assignable path: state.<key>[.field] or a loop variable's field.")
    value: AnyValue = Field(description="The new value: a literal or an expression.")


@dataclass(frozen=True, slots=True)
class SetNode:
    target: ir.Target
    value: ir.Value
    span: SourceSpan
    kind: Literal["set"] = "set"


def check(ac: ActionChecker, act: SetAction) -> SetNode | None:
    target = check_target(ac.ctx, act, "target", act.target, ac.scope)
    if target is None:
        return None
    value = data_value(ac.ctx, act, ("value",), act.value, ac.scope, target.type)
    check_assign(ac.ctx, value, target.type, f"'{target.dotted}'")
    return SetNode(target, value, act.span)


def emit(em: Any, node: SetNode) -> str:
    return f"A.set({em.target(node.target)}, {em.fn(node.value)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="set", model=SetAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: set\n  target: state.draft\n  value: \"\"\n",
)
