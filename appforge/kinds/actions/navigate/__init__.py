"""``navigate``: go to a page, with its parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, check_page_params
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import AnyValue, SpecModel
from appforge.targets.web.escape import js, js_key


class NavigateAction(SpecModel):
    """Go to a page, with its parameters."""

    action: Literal["navigate"]
    to: str = Field(description="A page id.")
    params: dict[str, AnyValue] = Field(default_factory=dict, description="Page parameters.")


@dataclass(frozen=True, slots=True)
class NavigateNode:
    page: str
    params: tuple[tuple[str, ir.Value], ...]
    span: SourceSpan
    kind: Literal["navigate"] = "navigate"


def check(ac: ActionChecker, act: NavigateAction) -> NavigateNode | None:
    params = check_page_params(ac.ctx, act, act.to, act.params, ac.scope, "to")
    return NavigateNode(act.to, params, act.span) if params is not None else None


def emit(em: Any, node: NavigateNode) -> str:
    params = ", ".join(f"{js_key(k)}: {em.fn(v)}" for k, v in node.params)
    return f"A.navigate({js(node.page)}, {{{params}}})"


def pages(node: NavigateNode) -> tuple[str, ...]:
    return (node.page,)


HERE = folder(__file__)
KIND = ActionKind(
    name="navigate", model=NavigateAction, check=check, pages=pages,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: navigate\n  to: task\n  params: {index: \"{{ index }}\"}\n",
)
