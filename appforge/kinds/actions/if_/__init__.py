"""``if``: run one list of actions or another, by a condition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker
from appforge.checker.context import where
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import BoolExpr, SpecModel

if TYPE_CHECKING:
    AnyAction = Any


class IfAction(SpecModel):
    """Run one list of actions or another, by a condition."""

    action: Literal["if"]
    condition: BoolExpr = Field(description="A boolean expression.")
    then: list[AnyAction] = Field(default_factory=list, description="Actions when true.")
    else_: list[AnyAction] = Field(default_factory=list, alias="else",
                                   description="Actions when false.")


@dataclass(frozen=True, slots=True)
class IfNode:
    condition: ir.Value
    then: tuple[ir.Action, ...]
    otherwise: tuple[ir.Action, ...]
    span: SourceSpan
    kind: Literal["if"] = "if"


def check(ac: ActionChecker, act: IfAction) -> IfNode:
    ctx = ac.ctx
    cond = ctx.record(ctx.checker(ac.scope).value(act.condition, where(act, "condition"),
                                                  "boolean"))
    return IfNode(cond, ac.actions(act.then), ac.actions(act.else_), act.span)


def emit(em: Any, node: IfNode) -> str:
    return (f"A.if({em.fn(node.condition)}, {em.actions(node.then)}, "
            f"{em.actions(node.otherwise)})")


def nested(node: IfNode) -> tuple[tuple[ir.Action, ...], ...]:
    return (node.then, node.otherwise)


HERE = folder(__file__)
KIND = ActionKind(
    name="if", model=IfAction, check=check, nested=nested,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example=("- action: if\n  condition: \"{{ state.draft != '' }}\"\n"
             "  then: [{action: toast, message: Added}]\n"),
)
