"""``toast``: show a short message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker
from appforge.checker.context import where
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import SpecModel, Text


class ToastAction(SpecModel):
    """Show a short message."""

    action: Literal["toast"]
    message: Text = Field(description="The message text.")


@dataclass(frozen=True, slots=True)
class ToastNode:
    message: ir.Value
    span: SourceSpan
    kind: Literal["toast"] = "toast"


def check(ac: ActionChecker, act: ToastAction) -> ToastNode:
    ctx = ac.ctx
    message = ctx.record(ctx.checker(ac.scope).text(act.message, where(act, "message")))
    return ToastNode(message, act.span)


def emit(em: Any, node: ToastNode) -> str:
    return f"A.toast({em.fn(node.message)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="toast", model=ToastAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js", css=HERE / "web.css"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: toast\n  message: Saved\n",
)
