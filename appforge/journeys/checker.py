"""Check journeys against the compiled app: pages, their params, element ids, sources.

The checker follows each journey the way the app would: it knows which pages can be showing
at every step (a press on a link or a button that navigates adds its target; a form's submit
may stay when the form is invalid; `back` returns to the previous set), so an id that exists
but cannot be on screen at that step is reported too.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field

from appforge import ir
from appforge.diagnostics import Diagnostic, SourceSpan, did_you_mean, one_of
from appforge.journeys.model import Journey, OpenPage, Step, split_target, step_targets
from appforge.kinds.component import component_kind

#: The element kinds each step may act on.
ACCEPTS: dict[str, frozenset[str]] = {
    "press": frozenset({"button", "link", "nav", "submit"}),
    "type": frozenset({"input", "textarea", "field:string", "field:number", "field:integer",
                       "field:email", "field:url", "field:any"}),
    "pick_date": frozenset({"input:date", "field:date"}),
    "select": frozenset({"select", "field:enum"}),
    "check": frozenset({"checkbox", "switch", "field:boolean"}),
    "uncheck": frozenset({"checkbox", "switch", "field:boolean"}),
}
_WORDS = {"press": "pressed", "type": "typed into", "pick_date": "given a date",
          "select": "given a choice", "check": "ticked", "uncheck": "unticked"}


@dataclass
class Element:
    """An element a journey can name: its kind, the pages it is on, where the spec makes it."""

    kind: str
    pages: set[str] = field(default_factory=set)
    span: SourceSpan | None = None
    navigates: frozenset[str] = frozenset()  # pages a press may open
    always_navigates: bool = False  # a link: the press always leaves the page


def elements(app: ir.App) -> dict[str, Element]:
    """Every test id of the app (as both targets emit it) and what it is."""
    found: dict[str, Element] = {}

    def add(test_id: str, kind: str, page: str, span: SourceSpan | None,
            navigates: frozenset[str] = frozenset(), always: bool = False) -> None:
        el = found.setdefault(test_id, Element(kind, span=span, navigates=navigates,
                                               always_navigates=always))
        el.pages.add(page)

    for page in app.pages:
        for comp in _walk(page.body):
            tid = comp.test_id
            if not tid:
                continue
            targets = frozenset(_navigations(comp))
            always = isinstance(comp.prop("to"), str)
            kind = component_kind(comp.type)
            hooks = kind.journey_ids(comp, app) if kind is not None and kind.journey_ids \
                else (("", comp.type, True),)
            for suffix, element, navigates in hooks:
                add(tid + suffix, element, page.id, comp.span,
                    targets if navigates else frozenset(), always=navigates and always)
    for page in app.pages:
        for nav in app.nav:
            add(f"nav-{nav}", "nav", page.id, app.spans.get("nav"), frozenset({nav}), True)
    return found


def _walk(body: tuple[ir.Component, ...]) -> Iterator[ir.Component]:
    for comp in body:
        yield comp
        for children in comp.slots.values():
            yield from _walk(children)


def _navigations(comp: ir.Component) -> Iterator[str]:
    to = comp.prop("to")
    if isinstance(to, str):
        yield to
    for actions in comp.events.values():
        yield from _navigate_targets(actions)


def _navigate_targets(actions: tuple[ir.Action, ...]) -> Iterator[str]:
    from appforge.kinds.action import action_kinds, walk

    kinds = action_kinds()
    for action in walk(actions):
        yield from kinds[action.kind].pages(action)


def _requests(source: ir.DataSource) -> bool:
    """Whether a source makes requests a journey can answer (its kind can be fetched)."""
    from appforge.kinds.source import source_kinds

    kind = source_kinds().get(source.kind)
    return kind is not None and kind.fetchable


def check_journeys(app: ir.App, journeys: list[Journey]) -> list[Diagnostic]:
    """Located diagnostics for every journey step that names something the app lacks."""
    catalogue = elements(app)
    diags: list[Diagnostic] = []
    for journey in journeys:
        diags.extend(_check_journey(app, catalogue, journey))
    return diags


def _check_journey(app: ir.App, catalogue: dict[str, Element], journey: Journey
                   ) -> Iterator[Diagnostic]:
    pages = {p.id: p for p in app.pages}
    sources = {s.name: s for s in app.data}
    showing: frozenset[str] | None = frozenset({app.start})
    history: list[frozenset[str] | None] = []
    for step in journey.steps:
        kind, value = step.kind, step.value
        if kind == "open":
            page_id = value.page if isinstance(value, OpenPage) else value
            params = value.params if isinstance(value, OpenPage) else {}
            if page_id not in pages:
                yield _unknown_page(page_id, pages, step.at)
                showing = None
                continue
            yield from _check_params(pages[page_id], params, step.span)
            history.append(showing)
            showing = frozenset({page_id})
        elif kind == "expect_page":
            if value not in pages:
                yield _unknown_page(value, pages, step.at)
                showing = None
            else:
                showing = frozenset({value})
        elif kind in ("mock", "wait_for"):
            name = value.source if kind == "mock" else value
            if name not in sources:
                yield Diagnostic("E0605", f"the app has no data source '{name}'", step.at,
                                 hint=did_you_mean(name, sources) or one_of(sources))
            elif kind == "mock" and not _requests(sources[name]):
                yield Diagnostic("E0605", f"'{name}' is a {sources[name].kind} source: it "
                                 "makes no request to answer", step.at,
                                 hint="mock a rest source; static data is compiled in")
        elif kind == "as_role":
            yield Diagnostic("E0607", "not supported: the spec declares no auth, so a "
                             "journey cannot act as a role", step.span,
                             hint="remove the as_role step")
        elif kind == "back":
            showing = history.pop() if history else None
        elif kind == "reload":
            # A phone restarts on the start page; the web stays on its route.
            showing = None if showing is None else showing | {app.start}
        for target in step_targets(step):
            found = yield from _check_target(catalogue, step, target, showing)
            if found is not None and kind == "press" and found.navigates:
                history.append(showing)
                if found.always_navigates:
                    showing = found.navigates
                elif showing is not None:  # a button may stay (a condition, a bad form)
                    showing = showing | found.navigates


def _check_target(catalogue: dict[str, Element], step: Step, target: str,
                  showing: frozenset[str] | None
                  ) -> Generator[Diagnostic, None, Element | None]:
    test_id, _nth = split_target(target)
    element = catalogue.get(test_id)
    if element is None:
        yield Diagnostic("E0602", f"no element has the id '{test_id}'", step.at,
                         hint=did_you_mean(test_id, catalogue) or
                         "ids are the spec's `id:` keys; lists add `<id>-item`, forms "
                         "`<id>-<field>`, `<id>-<field>-error` and `<id>-submit`, nav "
                         "`nav-<page>`")
        return None
    if showing is not None and not element.pages & showing:
        here = ", ".join(sorted(showing))
        there = ", ".join(sorted(element.pages))
        yield Diagnostic("E0603", f"'{test_id}' is not on page {here}, where this step runs "
                         f"(it is on {there})", step.at,
                         hint=f"open {there} first, or press a link that leads there",
                         related=((element.span, "defined here"),) if element.span else ())
        return None
    accepts = ACCEPTS.get(step.kind)
    if accepts is not None and element.kind not in accepts:
        yield Diagnostic("E0606", f"'{test_id}' is {_noun(element.kind)}: it cannot be "
                         f"{_WORDS[step.kind]}", step.at,
                         hint=_suggest(element.kind))
        return None
    return element


def _noun(kind: str) -> str:
    if kind.startswith("field:"):
        return f"a form field of type {kind[6:]}"
    if kind == "input:date":
        return "a date input"
    return {"submit": "a form's submit button", "item": "a list row", "nav": "a nav entry",
            "error": "a form field's error text"}.get(kind, f"a {kind}")


def _suggest(kind: str) -> str:
    for step, kinds in ACCEPTS.items():
        if kind in kinds:
            return f"use `{step}:` for it"
    return "expect things of it with `expect:`"


def _unknown_page(page_id: str, pages: dict[str, ir.Page], span: SourceSpan) -> Diagnostic:
    return Diagnostic("E0601", f"the app has no page '{page_id}'", span,
                      hint=did_you_mean(page_id, pages) or one_of(pages))


def _check_params(page: ir.Page, given: Mapping[str, object], span: SourceSpan
                  ) -> Iterator[Diagnostic]:
    declared = dict(page.params)
    for name, value in given.items():
        if name not in declared:
            yield Diagnostic("E0604", f"page '{page.id}' has no parameter '{name}'", span,
                             hint=did_you_mean(name, declared) or one_of(declared))
        elif not fits(declared[name], value):
            yield Diagnostic("E0604", f"parameter '{name}' of page '{page.id}' is "
                             f"{declared[name]}, not {value!r}", span,
                             hint=f"give {sample(declared[name])!r} or another {declared[name]}")
    for name in declared:
        if name not in given:
            yield Diagnostic("E0604", f"page '{page.id}' needs the parameter '{name}'", span,
                             hint=f"open: {{page: {page.id}, params: {{{name}: "
                             f"{sample(declared[name])!r}}}}}")


def fits(t: ir.Type, value: object) -> bool:
    """Whether a journey's param value has the page param's type."""
    if t.kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t.kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if t.kind == "boolean":
        return isinstance(value, bool)
    if t.kind == "enum":
        return value in t.values
    if t.kind == "date":
        import re

        return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    return isinstance(value, str)


def sample(t: ir.Type) -> object:
    """A value of a param type, for hints and the generated smoke journeys."""
    return {"integer": 1, "number": 1, "boolean": True, "date": "2026-01-01",
            "email": "someone@example.com", "url": "https://example.com"}.get(
        t.kind, t.values[0] if t.kind == "enum" and t.values else "sample")
