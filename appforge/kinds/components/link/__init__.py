"""The ``link`` component."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import check_page_params, check_url
from appforge.kinds.component import ComponentKind
from appforge.spec.base import PageRefRole, ParamsRole, Text
from appforge.spec.components import Component

if TYPE_CHECKING:
    from appforge.checker.components import ComponentChecker
    from appforge.checker.expressions import Scope


class Link(Component):
    """A link to a page of the app (``to``) or to a URL (``url``)."""

    type: Literal["link"]
    label: Text = Field(description="The link text.")
    to: Annotated[str | None, PageRefRole()] = Field(default=None, description="A page id.")
    params: Annotated[dict[str, Any], ParamsRole()] = Field(
        default_factory=dict, description="Parameters of the page named by `to`.")
    url: Text | None = Field(default=None, description="An external http(s), mailto or tel URL.")


def check(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    """Either ``to`` (with the page's params, which become a map of values) or ``url``."""
    ctx = cc.ctx
    link: Link = comp
    if (link.to is None) == (link.url is None):
        ctx.error("E0101", "a link needs either `to` (a page) or `url`", link.span,
                  "to: home, or url: https://example.com")
        return
    if link.to is not None:
        params = check_page_params(ctx, link, link.to, link.params, scope, "to")
        props["params"] = ir.PropMap(tuple(params or ()))
    else:
        if link.params:
            ctx.error("E0403", "`params` go with `to`, not with `url`", link.span_of("params"))
        url = props.get("url")
        if isinstance(url, ir.Value):
            check_url(ctx, url, ("http", "https", "mailto", "tel"))


KIND = ComponentKind.from_folder(Path(__file__).parent, Link, check)
