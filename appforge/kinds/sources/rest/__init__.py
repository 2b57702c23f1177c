"""``kind: rest``: JSON from an HTTP API, fetched at start (``auto``) or by ``fetch``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import ActionChecker, check_into, data_value, split_url, text_value
from appforge.checker.context import Context, at_path
from appforge.diagnostics import SourceSpan
from appforge.kinds.action import folder
from appforge.kinds.source import HttpFetch, SourceImpl, SourceKind
from appforge.origin import OriginError, origin
from appforge.spec.base import SpecModel, Text
from appforge.spec.components import Actions
from appforge.targets.web.emit import type_descriptor
from appforge.targets.web.escape import js, js_key


class RestSource(SpecModel):
    kind: Literal["rest"]
    url: Text = Field(description="The URL; may hold expressions.")
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"] = "GET"
    headers: dict[str, Text] = Field(default_factory=dict)
    body: Any = Field(default=None, description="Sent as JSON for POST, PUT and PATCH.")
    select: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$",
                               description="A dotted path into the JSON reply.")
    into: str | None = Field(default=None, description="The state key that receives the result.")
    auto: bool = Field(default=False, description="Fetch when the app starts.")
    on_error: Actions = Field(default_factory=list, description="Actions run when it fails.")


@dataclass(frozen=True, slots=True)
class RestNode:
    name: str
    url: ir.Value  # a string template; env already folded in
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    headers: tuple[tuple[str, ir.Value], ...]
    body: ir.Value | None
    select: tuple[str, ...]
    into: ir.Target | None
    auto: bool
    on_error: tuple[ir.Action, ...]
    origin: str | None  # scheme://host[:port] when the URL's start is constant (for CSP)
    span: SourceSpan
    kind: Literal["rest"] = "rest"


def check(ctx: Context, name: str, src: RestSource, scope: Any) -> RestNode:
    into = check_into(ctx, src, scope)
    url = text_value(ctx, src, "url", src.url, scope)
    checker = ctx.checker(scope)
    headers = tuple((k, ctx.record(checker.text(v, at_path(src, ("headers", k)))))
                    for k, v in src.headers.items())
    body = data_value(ctx, src, ("body",), src.body, scope) if src.body is not None else None
    if body is not None and src.method in ("GET", "DELETE"):
        ctx.error("E0407", f"a {src.method} request has no body", src.key_span("body"),
                  "use method: POST, PUT or PATCH")
    select = tuple(src.select.split(".")) if src.select else ()
    on_error = ActionChecker(ctx, scope).actions(src.on_error)
    return RestNode(name, url, src.method, headers, body, select, into, src.auto, on_error,
                    _origin(ctx, src, url), src.span)


def _origin(ctx: Context, src: RestSource, url: ir.Value) -> str | None:
    expr = url.expr
    prefix = expr.value if isinstance(expr, ir.Literal_) else \
        expr.parts[0] if isinstance(expr, ir.Template) and isinstance(expr.parts[0], str) \
        else None
    if not isinstance(prefix, str):
        return None
    parts = split_url(prefix)
    if parts is None:
        ctx.error("E0409", "this is not a valid URL", src.span_of("url"))
        return None
    if parts.scheme and parts.scheme not in ("http", "https"):
        ctx.error("E0409", f"a REST source must use http or https, not '{parts.scheme}:'",
                  src.span_of("url"))
        return None
    if parts.scheme and (isinstance(expr, ir.Literal_) or
                         "/" in prefix[len(parts.scheme) + 3:]):
        try:  # parsed and written again, never pasted: it goes into the CSP
            return origin(prefix)
        except OriginError as exc:
            ctx.error("E0409", f"this URL cannot be used: {exc}", src.span_of("url"),
                      "write scheme://host[:port]/path; check any --env value in it")
            return None
    return None


def origins(node: RestNode) -> tuple[str, ...]:
    """The URL's origin, or ``*`` when it is computed at run time."""
    return (node.origin,) if node.origin else ("*",)


def actions(node: RestNode) -> tuple[tuple[ir.Action, ...], ...]:
    return (node.on_error,)


def web(em: Any, s: RestNode) -> str:
    headers = ", ".join(f"{js_key(k)}: {em.fn(v)}" for k, v in s.headers)
    return (f'{{kind: "rest", url: {em.fn(s.url)}, method: {js(s.method)}, '
            f'headers: {{{headers}}}, body: {em.fn(s.body) if s.body else "null"}, '
            f"select: {js(list(s.select))}, into: {js(s.into.name if s.into else None)}, "
            f"intoType: {js(type_descriptor(s.into.type) if s.into else None)}, "
            f"auto: {js(s.auto)}, onError: {em.actions(s.on_error)}}}")


def mobile(em: Any, s: RestNode) -> str:
    headers = ", ".join(f"{js_key(k)}: {em.fn(v)}" for k, v in s.headers)
    return (f'{{ kind: "rest", url: {em.fn(s.url)}, method: {js(s.method)}, '
            f"headers: {{ {headers} }}, body: {em.fn(s.body) if s.body else 'null'}, "
            f"select: {js(list(s.select))}, into: {js(s.into.name if s.into else None)}, "
            f"intoType: {js(type_descriptor(s.into.type) if s.into else None)}, "
            f"auto: {js(s.auto)}, onError: {em.actions(s.on_error)} }}")


HERE = folder(__file__)
def url_pattern(node: RestNode) -> re.Pattern[str]:
    """A regular expression for the URLs the source requests (its template's literal parts,
    anything for the expressions in it), query string allowed."""
    expr = node.url.expr
    parts: tuple[object, ...]
    if isinstance(expr, ir.Template):
        parts = expr.parts
    elif isinstance(expr, ir.Literal_):
        parts = (str(expr.value),)
    else:
        parts = (expr,)
    text = "".join(re.escape(p) if isinstance(p, str) else "[^?#]*" for p in parts)
    return re.compile(f"^{text}(\\?.*)?$")


def empty_reply(node: RestNode) -> object:
    """A JSON reply that fills the source with nothing: [] or {} where ``select`` leads."""
    value: object = None
    if node.into is not None:
        kind = node.into.type.kind
        value = [] if kind == "list" else {} if kind == "record" else None
    for key in reversed(node.select):
        value = {key: value}
    return value


def http(node: RestNode) -> HttpFetch:
    return HttpFetch(url_pattern(node), node.method, node.auto, empty_reply(node))


KIND = SourceKind(
    name="rest", model=RestSource, check=check, fetchable=True, origins=origins,
    actions=actions, http=http,
    targets={"web": SourceImpl(web, HERE / "web.js"),
             "mobile": SourceImpl(mobile, HERE / "mobile.ts")},
    example=("quotes:\n  kind: rest\n  url: https://api.example.com/quotes\n"
             "  into: state.quotes\n  auto: true\n"),
    prompt='{"kind": "rest", "url", "method", "headers", "body", "select", "into", "auto", '
           '"on_error"}',
)
