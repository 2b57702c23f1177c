"""``remove``: remove an item from a list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, list_item
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import AnyValue, SpecModel


class RemoveAction(SpecModel):
    """Remove an item from a list."""

    action: Literal["remove"]
    target: str = Field(description="A list path.")
    item: AnyValue = Field(description="The item to remove, usually the loop variable: {{ task }}.")


@dataclass(frozen=True, slots=True)
class RemoveNode:
    target: ir.Target
    item: ir.Value
    span: SourceSpan
    kind: Literal["remove"] = "remove"


def check(ac: ActionChecker, act: RemoveAction) -> RemoveNode | None:
    found = list_item(ac, act, "item", act.item)
    return RemoveNode(found[0], found[1], act.span) if found else None


def emit(em: Any, node: RemoveNode) -> str:
    return f"A.remove({em.target(node.target)}, {em.fn(node.item)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="remove", model=RemoveAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: remove\n  target: state.tasks\n  item: \"{{ task }}\"\n",
)
