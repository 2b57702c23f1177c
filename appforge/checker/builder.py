"""Check a validated spec and build the IR: models, state, data sources, pages, app."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from appforge import ir
from appforge.checker.actions import (
    ActionChecker,
    text_value,
)
from appforge.checker.components import ComponentChecker
from appforge.checker.composites import check_definitions
from appforge.checker.context import Context, where
from appforge.checker.contrast import check_theme
from appforge.checker.expressions import Located
from appforge.checker.icons import ICON_FAMILY, icon_names
from appforge.checker.patterns import Pattern, PatternError, compile_pattern
from appforge.checker.types import check_literal, resolve
from appforge.diagnostics import Diagnostic, did_you_mean, one_of
from appforge.ir import ANY
from appforge.origin import OriginError, origin
from appforge.spec import Spec
from appforge.spec.document import TYPE_NAMES, ModelField, PageSpec, StateSpec

PARAM_KINDS = ("string", "integer", "number", "boolean")
#: Defaults are matched in linear time, but a multi-megabyte one would still take seconds.
MAX_MATCHED_DEFAULT = 10_000


def build_ir(spec: Spec, root: Path, env_overrides: Mapping[str, str] | None = None,
             page_cache: dict[Any, Any] | None = None) -> tuple[ir.App | None, list[Diagnostic]]:
    """Check ``spec`` and build the IR. Returns (None, diagnostics) when there are errors.

    ``page_cache`` (a dict the caller keeps between calls) lets unchanged pages be reused.
    """
    env = _resolve_env(spec, env_overrides or {})
    ctx = Context(spec=spec, root=str(root), env=env, page_cache=page_cache,
                  global_key=_global_key(spec, env) if page_cache is not None else "")
    _models(ctx)
    _state(ctx)
    sources = _data_sources(ctx)
    _computed(ctx)
    pages = _pages(ctx)
    check_definitions(ctx)
    start = _app_refs(ctx, pages)
    theme = check_theme(ctx)
    if spec.app.analytics is not None:
        try:
            origin(spec.app.analytics.url)  # its origin goes into the web app's CSP
        except OriginError as exc:
            ctx.error("E0409", f"analytics.url must be an http(s) URL: {exc}",
                      spec.app.analytics.span_of("url"))
    _warn_unused(ctx, start)
    if any(d.is_error for d in ctx.diags):
        return None, ctx.diags
    models = tuple(ir.Model(name, ctx.model_fields[name], named.spec.span)
                   for name, named in spec.models.items())
    state = tuple(ir.StateVar(key, ctx.state[key], ctx.state_defaults[key], named.spec.persist,
                              named.spec.span) for key, named in spec.state.items())
    app = spec.app
    analytics = ir.Analytics(app.analytics.url, app.analytics.page_views) \
        if app.analytics else None
    return ir.App(
        name=app.name, id=app.id, version=app.version, description=app.description,
        start=start, nav=tuple(app.nav), analytics=analytics, env=env, theme=theme,
        models=models, state=state, data=sources, pages=pages,
        assets=tuple(sorted(ctx.assets)), project_root=str(root),
    ), ctx.diags


def _global_key(spec: Spec, env: Mapping[str, str]) -> str:
    """A hash of everything a page can refer to, other than the page itself: the entry
    file's sections, models, state, data sources, every page's id, path and params, and env."""
    parts: list[Any] = [spec.app.model_dump(mode="json"), spec.theme.model_dump(mode="json"),
                        sorted(env.items())]
    for section in (spec.models, spec.state, spec.data, spec.components):
        parts.append([(name, named.spec.model_dump(mode="json", by_alias=True))
                      for name, named in section.items()])
    parts.append(sorted((name, named.spec) for name, named in spec.computed.items()))
    parts.append([(p.id, p.path, sorted(p.params.items())) for p in spec.pages])
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _resolve_env(spec: Spec, overrides: Mapping[str, str]) -> dict[str, str]:
    return {name: overrides.get(name, var.default) for name, var in spec.app.env.items()}


def _type(ctx: Context, owner: StateSpec | ModelField) -> ir.Type | None:
    resolved = resolve(owner.type, owner.of, owner.values, ctx.spec.models)
    if isinstance(resolved, str):
        if resolved.startswith("unknown type"):
            name = owner.of if owner.type == "list" and owner.of else owner.type
            key = "of" if owner.type == "list" and owner.of else "type"
            options = [*TYPE_NAMES,
                       *ctx.spec.models]
            ctx.error("E0211", f"unknown type '{name}'", owner.span_of(key),
                      did_you_mean(name, options) or one_of(options))
        else:
            ctx.error("E0101", resolved, owner.span)
        return None
    if owner.values is not None and owner.type != "enum" and owner.of != "enum":
        ctx.error("E0102", "`values` only goes with type: enum", owner.key_span("values"))
    return resolved


def _models(ctx: Context) -> None:
    for name in ctx.spec.models:
        ctx.models[name] = {}
    for name, named in ctx.spec.models.items():
        fields = []
        for fname, field in named.spec.fields.items():
            t = _type(ctx, field) or ir.ANY
            ctx.models[name][fname] = t
            _field_rules(ctx, field, t)
            label = field.label or fname.replace("_", " ").capitalize()
            fields.append(ir.Field(
                fname, t, label, field.required, field.default, field.has("default"),
                field.min_length, field.max_length, field.min, field.max, field.pattern,
                field.span))
        ctx.model_fields[name] = tuple(fields)
    for named in ctx.spec.models.values():
        for field in named.spec.fields.values():
            if field.has("default"):
                declared = resolve(field.type, field.of, field.values, ctx.spec.models)
                if not isinstance(declared, str):
                    problem = check_literal(field.default, declared, ctx.models)
                    if problem:
                        ctx.error("E0304", f"default does not fit: {problem}",
                                  field.span_of("default"))
                    else:
                        _check_rules(ctx, field, field.default)


def _field_rules(ctx: Context, field: ModelField, t: ir.Type) -> None:
    if (field.min_length is not None or field.max_length is not None or field.pattern) \
            and not t.is_string and t.kind != "any":
        key = "pattern" if field.pattern else "min_length" if field.min_length is not None \
            else "max_length"
        ctx.error("E0300", f"'{key}' applies to text fields, but this field is {t}",
                  field.key_span(key))
    if (field.min is not None or field.max is not None) and not t.is_number \
            and t.kind != "any":
        key = "min" if field.min is not None else "max"
        ctx.error("E0300", f"'{key}' applies to number fields, but this field is {t}",
                  field.key_span(key))
    if field.pattern:
        checked = _compiled(field.pattern)
        if isinstance(checked, PatternError):
            ctx.error("E0015", f"pattern not accepted: {checked.message}",
                      where(field, "pattern").at(checked.start, checked.end), checked.hint)
    if field.min is not None and field.max is not None and field.min > field.max:
        ctx.error("E0107", "min is greater than max", field.span_of("min"))


def _check_rules(ctx: Context, field: ModelField, value: Any) -> None:
    if isinstance(value, str):
        if field.min_length is not None and len(value) < field.min_length and value:
            ctx.error("E0304", f"default is shorter than min_length {field.min_length}",
                      field.span_of("default"))
        if field.max_length is not None and len(value) > field.max_length:
            ctx.error("E0304", f"default is longer than max_length {field.max_length}",
                      field.span_of("default"))
        checked = _compiled(field.pattern) if field.pattern and value else None
        if isinstance(checked, Pattern):
            if len(value) > MAX_MATCHED_DEFAULT:
                ctx.error("E0304", f"a default checked against a pattern is at most "
                          f"{MAX_MATCHED_DEFAULT:,} characters", field.span_of("default"))
            elif not checked.search(value):
                ctx.error("E0304", "default does not match the pattern",
                          field.span_of("default"))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if field.min is not None and value < field.min:
            ctx.error("E0304", f"default is below min {field.min:g}", field.span_of("default"))
        if field.max is not None and value > field.max:
            ctx.error("E0304", f"default is above max {field.max:g}", field.span_of("default"))


@lru_cache(maxsize=256)
def _compiled(text: str) -> Pattern | PatternError:
    """A pattern checked once (both the field rules and its default need it)."""
    try:
        return compile_pattern(text)
    except PatternError as exc:
        return exc


def implicit_default(t: ir.Type) -> object:
    """The value a state key starts with when the spec gives no default."""
    if t.kind in ("string", "date", "email", "url"):
        return ""
    if t.kind in ("number", "integer"):
        return 0
    if t.kind == "boolean":
        return False
    if t.kind == "list":
        return []
    if t.kind == "enum":
        return t.values[0] if t.values else ""
    return None


def _state(ctx: Context) -> None:
    for key, named in ctx.spec.state.items():
        spec: StateSpec = named.spec
        t = _type(ctx, spec) or ir.ANY
        ctx.state[key] = t
        if spec.has("default") and spec.default is not None:
            problem = check_literal(spec.default, t, ctx.models)
            if problem:
                ctx.error("E0304", f"default of state '{key}' does not fit: {problem}",
                          spec.span_of("default"))
            ctx.state_defaults[key] = spec.default
        else:
            ctx.state_defaults[key] = implicit_default(t)


def _data_sources(ctx: Context) -> tuple[ir.DataSource, ...]:
    """Each source's IR node, by its kind's own checker rule."""
    from appforge.kinds.source import source_kinds

    for name, named in ctx.spec.data.items():
        ctx.sources[name] = named.spec.kind
    out: list[ir.DataSource] = []
    scope = ctx.base_scope()
    kinds = source_kinds()
    for name, named in ctx.spec.data.items():
        node = kinds[named.spec.kind].check(ctx, name, named.spec, scope)
        if node is not None:
            out.append(node)
    return tuple(out)


def _pages(ctx: Context) -> tuple[ir.Page, ...]:
    paths: dict[str, PageSpec] = {}
    for page in ctx.spec.pages:
        params: dict[str, ir.Type] = {}
        for name, type_name in page.params.items():
            if type_name not in PARAM_KINDS:
                ctx.error("E0211", f"a page parameter is {', '.join(PARAM_KINDS)}, not "
                          f"'{type_name}'", page.span_of("params", name),
                          did_you_mean(type_name, PARAM_KINDS))
                params[name] = ir.ANY
            else:
                params[name] = resolve(type_name, None, None, {})  # type: ignore[assignment]
        ctx.page_params[page.id] = params
    out = []
    for page in ctx.spec.pages:
        path = page.path or f"/{page.id}"
        segments = tuple(s for s in path.split("/") if s)
        declared = ctx.page_params[page.id]
        in_path = [s[1:] for s in segments if s.startswith(":")]
        for name in in_path:
            if name not in declared:
                ctx.error("E0402", f"path parameter ':{name}' is not declared in `params`",
                          page.span_of("path"), f"add params: {{{name}: string}}")
        for name in declared:
            if name not in in_path:
                ctx.error("E0402", f"parameter '{name}' is not in the path",
                          page.span_of("params", name), f"add /:{name} to the path")
        shape = "/".join(":" if s.startswith(":") else s for s in segments)
        if shape in paths:
            ctx.error("E0410", f"pages '{paths[shape].id}' and '{page.id}' have the same path",
                      page.span_of("path"),
                      related=((paths[shape].span_of("path"), "first used here"),))
        paths[shape] = page
        out.append(_page(ctx, page, segments, declared))
    return tuple(out)


def _page(ctx: Context, page: PageSpec, segments: tuple[str, ...],
          declared: dict[str, ir.Type]) -> ir.Page:
    """Check one page's title, on_load and body, reusing the last result when neither the page
    nor anything it can refer to changed (``appforge dev`` rebuilds one page per edit)."""
    cache = ctx.page_cache
    key = (id(page), ctx.global_key)
    if cache is not None and key in cache:
        facts: PageFacts = cache[key]
        ctx.diags.extend(facts.diags)
        ctx.state_reads |= facts.state_reads
        ctx.computed_reads |= facts.computed_reads
        ctx.reached_pages |= facts.reached_pages
        ctx.assets |= facts.assets
        return facts.page
    marks = (len(ctx.diags), set(ctx.state_reads), set(ctx.reached_pages), set(ctx.assets),
             set(ctx.computed_reads))
    scope = ctx.base_scope(declared)
    title = text_value(ctx, page, "title", page.title, scope) if page.title is not None \
        else ir.Value(ir.Literal_(ctx.spec.app.name, ir.STRING, page.span), frozenset())
    on_load = ActionChecker(ctx, scope).actions(page.on_load)
    body = ComponentChecker(ctx, page.id).children(page.body, scope, in_loop=False)
    result = ir.Page(page.id, "/" + "/".join(segments), segments, tuple(declared.items()), title,
                     on_load, body, page.span, _icon(ctx, page))
    if cache is not None:
        # The page object is kept in the entry so its id() cannot be reused by another.
        cache[key] = PageFacts(page, result, tuple(ctx.diags[marks[0]:]),
                               ctx.state_reads - marks[1], ctx.reached_pages - marks[2],
                               ctx.assets - marks[3], ctx.computed_reads - marks[4])
    return result


def _icon(ctx: Context, page: PageSpec) -> str | None:
    if page.icon is None or page.icon in icon_names():
        return page.icon
    ctx.error("E0212", f"unknown icon '{page.icon}'", page.span_of("icon"),
              did_you_mean(page.icon, icon_names())
              or f"use an {ICON_FAMILY} name from @expo/vector-icons, e.g. home-outline")
    return None


@dataclass(frozen=True)
class PageFacts:
    """What checking one page produced, to replay when it is reused."""

    spec: PageSpec
    page: ir.Page
    diags: tuple[Diagnostic, ...]
    state_reads: set[str]
    reached_pages: set[str]
    assets: set[str]
    computed_reads: set[str]


def _app_refs(ctx: Context, pages: tuple[ir.Page, ...]) -> str:
    app = ctx.spec.app
    ids = [p.id for p in ctx.spec.pages]
    if not ids:
        ctx.error("E0405", "the app has no pages", ctx.spec.entry.key_span(("pages",)),
                  "add `pages:` with at least one page")
        return ""
    for i, page_id in enumerate(app.nav):
        if page_id not in ids:
            ctx.error("E0406", f"unknown page '{page_id}' in nav", app.span_of("nav", i),
                      did_you_mean(page_id, ids) or one_of(ids))
        elif ctx.page_params.get(page_id):
            ctx.error("E0406", f"page '{page_id}' takes parameters, so it cannot be in nav",
                      app.span_of("nav", i))
    if app.start is not None:
        if app.start not in ids:
            ctx.error("E0406", f"unknown start page '{app.start}'", app.span_of("start"),
                      did_you_mean(app.start, ids) or one_of(ids))
        elif ctx.page_params.get(app.start):
            ctx.error("E0406", f"the start page '{app.start}' cannot take parameters",
                      app.span_of("start"))
        return app.start
    # Without `start`, the page at "/" opens first, else the first page.
    root = next((p.id for p in pages if p.path == "/"), None)
    return root or ids[0]


def _computed(ctx: Context) -> None:
    """Check the computed values, each once, in the order they read each other (a value
    may read another, in any file); a cycle is an error at the value that closes it."""
    definitions = ctx.spec.computed
    done: dict[str, ir.Value] = {}
    active: list[str] = []

    class OnDemand(Mapping[str, ir.Value]):
        """The computed values as the definitions see them: checked when first read."""

        def __getitem__(self, name: str) -> ir.Value:
            return check_one(name)

        def __iter__(self) -> Iterator[str]:
            return iter(definitions)

        def __len__(self) -> int:
            return len(definitions)

    scope = replace(ctx.base_scope(), computed=OnDemand())

    def check_one(name: str) -> ir.Value:
        if name in done:
            return done[name]
        named = definitions[name]
        path = ("computed", name)
        span = named.doc.span(path)
        if name in active:
            cycle = [*active[active.index(name):], name]
            ctx.error("E0415", "computed values read each other in a cycle: " +
                      " -> ".join(cycle), span,
                      "compute one of them from state or data instead")
            done[name] = ir.Value(ir.Literal_(None, ANY, span), frozenset())
            return done[name]
        active.append(name)
        located = Located(span, lambda: named.doc.scalar(path))
        value = ctx.record(ctx.checker(scope).value(named.spec, located, "any"))
        active.pop()
        done.setdefault(name, value)
        return done[name]

    for name in definitions:
        check_one(name)
    ctx.computed = done


def _warn_unused(ctx: Context, start: str) -> None:
    for name, named in ctx.spec.computed.items():
        if name not in ctx.computed_reads:
            ctx.warn("W0104", f"computed value '{name}' is never used",
                     named.doc.key_span(("computed", name)),
                     "remove it, or read it somewhere as computed." + name)
    for key, named in ctx.spec.state.items():
        if key not in ctx.state_reads:
            ctx.warn("W0101", f"state '{key}' is never used", named.doc.key_span(("state", key)),
                     "remove it, or show or bind it somewhere")
    reached = {start, *ctx.spec.app.nav, *ctx.reached_pages}
    for page in ctx.spec.pages:
        if page.id not in reached:
            ctx.warn("W0102", f"page '{page.id}' is not reachable", page.span_of("id"),
                     "link to it, navigate to it, or add it to app.nav")
