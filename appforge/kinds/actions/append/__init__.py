"""``append``: append a value to a list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, list_item
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import AnyValue, SpecModel


class AppendAction(SpecModel):
    """Append a value to a list."""

    action: Literal["append"]
    target: str = Field(description="A list path.")
    value: AnyValue = Field(
        description="The item to append: a record written as a mapping, or an expression.")


@dataclass(frozen=True, slots=True)
class AppendNode:
    target: ir.Target
    value: ir.Value
    span: SourceSpan
    kind: Literal["append"] = "append"


def check(ac: ActionChecker, act: AppendAction) -> AppendNode | None:
    found = list_item(ac, act, "value", act.value)
    return AppendNode(found[0], found[1], act.span) if found else None


def emit(em: Any, node: AppendNode) -> str:
    return f"A.append({em.target(node.target)}, {em.fn(node.value)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="append", model=AppendAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: append\n  target: state.tasks\n  value: {title: \"{{ state.draft }}\"}\n",
)
