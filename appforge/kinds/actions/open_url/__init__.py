"""``open_url``: open a URL in a new tab or the system browser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import SAFE_URL_SCHEMES, ActionChecker, check_url
from appforge.checker.context import where
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import SpecModel, Text


class OpenUrlAction(SpecModel):
    """Open a URL (http, https, mailto or tel) in a new tab or the system browser."""

    action: Literal["open_url"]
    url: Text = Field(description="The URL.")


@dataclass(frozen=True, slots=True)
class OpenUrlNode:
    url: ir.Value
    span: SourceSpan
    kind: Literal["open_url"] = "open_url"


def check(ac: ActionChecker, act: OpenUrlAction) -> OpenUrlNode:
    ctx = ac.ctx
    url = ctx.record(ctx.checker(ac.scope).text(act.url, where(act, "url")))
    check_url(ctx, url, SAFE_URL_SCHEMES)
    return OpenUrlNode(url, act.span)


def emit(em: Any, node: OpenUrlNode) -> str:
    return f"A.open_url({em.fn(node.url)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="open_url", model=OpenUrlAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: open_url\n  url: https://example.com/help\n",
)
