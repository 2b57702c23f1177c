"""``fetch``: fetch a data source and wait for its reply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge.checker.actions import ActionChecker
from appforge.diagnostics import SourceSpan, did_you_mean, one_of
from appforge.kinds.action import ActionImpl, ActionKind, folder
from appforge.spec.base import SpecModel
from appforge.targets.web.escape import js


class FetchAction(SpecModel):
    """Fetch a REST data source and wait for its reply."""

    action: Literal["fetch"]
    source: str = Field(description="A data source name.")


@dataclass(frozen=True, slots=True)
class FetchNode:
    source: str
    span: SourceSpan
    kind: Literal["fetch"] = "fetch"


def check(ac: ActionChecker, act: FetchAction) -> FetchNode | None:
    from appforge.kinds.source import source_kinds

    ctx = ac.ctx
    kind = ctx.sources.get(act.source)
    if kind is None:
        ctx.error("E0206", f"unknown data source '{act.source}'", act.span_of("source"),
                  did_you_mean(act.source, ctx.sources) or one_of(ctx.sources))
        return None
    source_kind = source_kinds().get(kind)
    if source_kind is not None and not source_kind.fetchable:
        ctx.error("E0206", f"'{act.source}' is a {kind} source; only REST sources "
                  "can be fetched", act.span_of("source"))
        return None
    return FetchNode(act.source, act.span)


def emit(em: Any, node: FetchNode) -> str:
    return f"A.fetch({js(node.source)})"


HERE = folder(__file__)
KIND = ActionKind(
    name="fetch", model=FetchAction, check=check,
    targets={"web": ActionImpl(emit, HERE / "web.js"),
             "mobile": ActionImpl(emit, HERE / "mobile.ts")},
    example="- action: fetch\n  source: quotes\n",
)
