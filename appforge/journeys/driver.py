"""Run a journey's steps in a browser page: the web build, or the mobile build exported for the
web (react-native-web). Ids are ``data-testid`` on both (React Native's ``testID`` becomes it);
where the targets differ, the driver acts the way a person would on each (a switch is tapped,
a choice is picked from its options, a toast is an alert).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from appforge import ir
from appforge.journeys.browser import Page
from appforge.journeys.model import Expect, Journey, Mock, OpenPage, Step, split_target
from appforge.kinds.source import http_fetch

TIMEOUT = 10_000  # ms an expectation waits (a busy 2-core machine needs a few seconds)


class StepFailed(Exception):
    """A step did not hold: what was expected and what was seen."""

    def __init__(self, expected: str, seen: str) -> None:
        super().__init__(f"expected {expected}, saw {seen}")
        self.expected = expected
        self.seen = seen


@dataclass
class SourceTraffic:
    pattern: re.Pattern[str]
    method: str = "GET"
    in_flight: int = 0
    done: int = 0

    def matches(self, request: Any) -> bool:
        return request.method == self.method and bool(self.pattern.match(request.url))


def page_url(base: str, page: ir.Page, params: Mapping[str, object],
             target: str = "web") -> str:
    """A page's address: ``#/path`` on the web build (hash routing), the path itself on the
    mobile web export (React Navigation's linking configuration)."""
    path = "/".join(_segment(params.get(s[1:], "")) if s.startswith(":") else s
                    for s in page.segments)
    if target == "web":
        return f"{base}#/{path}"
    return f"{base.rstrip('/')}/{path}"


def _segment(value: object) -> str:
    """A parameter in a path, as both runtimes write it (JavaScript's String, encoded)."""
    from urllib.parse import quote

    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return quote(text, safe="")


class Driver:
    """Runs steps against one page of one target."""

    def __init__(self, page: Page, app: ir.App, base: str, target: str,
                 timeout: int = TIMEOUT) -> None:
        self.page = page
        self.pw = page.page
        self.app = app
        self.base = base
        self.target = target
        self.timeout = timeout
        self.started = False
        self.pw.set_default_timeout(timeout)
        self.traffic = {s.name: SourceTraffic(fetch.url, fetch.method) for s in app.data
                        if (fetch := http_fetch(s)) is not None}
        self.mocks: dict[str, Any] = {}
        self.pw.on("request", lambda r: self._count(r, +1))
        self.pw.on("requestfinished", lambda r: self._count(r, -1))
        self.pw.on("requestfailed", lambda r: self._count(r, -1))

    def _count(self, request: Any, delta: int) -> None:
        for traffic in self.traffic.values():
            if traffic.matches(request):
                traffic.in_flight += delta
                if delta < 0:
                    traffic.done += 1

    # ---- running ---------------------------------------------------------------------------

    def run(self, journey: Journey) -> None:
        for step in journey.steps:
            self.step(step)
        self.start()  # a journey of mocks only still opens the app

    def start(self, url: str | None = None) -> None:
        if not self.started:
            self.started = True
            self.pw.goto(url or self.base)

    def step(self, step: Step) -> None:
        if step.kind == "mock":
            self._mock(step.value)
            return
        if step.kind == "open":
            self._open(step.value)
            return
        self.start()
        getattr(self, f"_{step.kind}")(step.value)

    # ---- actions ---------------------------------------------------------------------------

    def _open(self, value: str | OpenPage) -> None:
        page_id = value.page if isinstance(value, OpenPage) else value
        params = value.params if isinstance(value, OpenPage) else {}
        page = self.app.page(page_id)
        # The web build's hash route, or the mobile export's deep link; the start page
        # without params is the address the app opens at.
        if self.target == "mobile" and page_id == self.app.start and not params:
            url = self.base
        else:
            url = page_url(self.base, page, params, self.target)
        if not self.started:
            self.start(url)
        else:
            self.pw.goto(url)

    def _all(self, test_id: str) -> Any:
        """The elements with this id on the screen as shown: not hidden by a `visible:` (the
        web build sets `hidden`; the mobile build does not render them) and not on a screen
        the native stack keeps behind the current one (under an aria-hidden ancestor). So
        `id[n]` and `count` mean the same on both targets. Ids are letters, digits, '-' and
        '_' (checked by the loader), so they sit in the selector as they are."""
        hidden = '[aria-hidden="true"] *' if self.target == "mobile" else "[hidden], [hidden] *"
        return self.pw.locator(f'[data-testid="{test_id}"]:not({hidden})')

    def _loc(self, target: str) -> Any:
        test_id, nth = split_target(target)
        loc = self._all(test_id)
        return loc.nth(nth) if nth is not None else loc.first

    def _press(self, target: str) -> None:
        self._loc(target).click()

    def _type(self, value: Any) -> None:
        self._loc(value.into).fill(value.text)

    def _pick_date(self, value: Any) -> None:
        self._loc(value.in_).fill(value.date)

    def _select(self, value: Any) -> None:
        # A <select> on both: the web build's, and the native picker's on the mobile export.
        self._loc(value.in_).select_option(label=value.option)

    def _check(self, target: str, on: bool = True) -> None:
        loc = self._loc(target)
        if self.target == "web":
            loc.set_checked(on)
        elif _checked(loc) is not on:
            loc.click()  # a switch is tapped

    def _uncheck(self, target: str) -> None:
        self._check(target, on=False)

    def _back(self, _value: None) -> None:
        # The mobile export's pages are in the browser's history too (its linking).
        self.pw.go_back()

    def _reload(self, _value: None) -> None:
        self.pw.reload()

    def _mock(self, mock: Mock) -> None:
        traffic = self.traffic[mock.source]
        if mock.source in self.mocks:
            self.pw.unroute(traffic.pattern, self.mocks.pop(mock.source))

        def answer(route: Any) -> None:
            request = route.request
            if request.method == "OPTIONS":
                route.fulfill(status=204, headers=_CORS)
                return
            if request.method != traffic.method:  # another source at the same URL
                route.fallback()
                return
            if mock.url is not None:
                url = re.sub(r"^https?://[^/]+", mock.url.rstrip("/"), request.url)
                route.fulfill(response=route.fetch(url=url))
                return
            if mock.delay:
                self.pw.wait_for_timeout(mock.delay)
            body = mock.body if isinstance(mock.body, str) else json.dumps(mock.body)
            route.fulfill(status=mock.status, body=body,
                          headers={**_CORS, "Content-Type": "application/json"})

        self.mocks[mock.source] = answer
        self.pw.route(traffic.pattern, answer)

    def _wait_for(self, source: str) -> None:
        traffic = self.traffic.get(source)
        if traffic is None:  # a static source is there from the start
            return
        deadline = time.monotonic() + self.timeout / 1000
        while not (traffic.done and traffic.in_flight <= 0):
            if time.monotonic() > deadline:
                raise StepFailed(f"data source '{source}' to finish",
                                 f"{traffic.in_flight} request(s) still running, "
                                 f"{traffic.done} finished")
            self.pw.wait_for_timeout(50)

    def _as_role(self, role: str) -> None:  # the checker refuses it: the spec has no auth
        raise StepFailed(f"to act as '{role}'", "a spec without auth")

    # ---- expectations ----------------------------------------------------------------------

    def _expect(self, value: Expect) -> None:
        from playwright.sync_api import expect

        loc = self._loc(value.id)
        key, want = value.check
        t = self.timeout
        try:
            if key == "text":
                expect(loc).to_have_text(want, timeout=t)
            elif key == "contains":
                expect(loc).to_contain_text(want, timeout=t)
            elif key == "count":
                expect(self._all(split_target(value.id)[0])).to_have_count(want, timeout=t)
            elif key == "visible" and not want and split_target(value.id)[1] is None:
                expect(self._all(value.id)).to_have_count(0, timeout=t)
            elif key == "visible":
                (expect(loc).to_be_visible if want else expect(loc).to_be_hidden)(timeout=t)
            elif key == "enabled":
                (expect(loc).to_be_enabled if want else expect(loc).to_be_disabled)(timeout=t)
            elif key == "value":
                expect(loc).to_have_value(want, timeout=t)
            elif key == "checked" and self.target == "web":
                expect(loc).to_be_checked(checked=want, timeout=t)
            elif key == "checked":
                _until(lambda: _checked(loc) is want, t)
        except AssertionError:
            raise StepFailed(_describe(key, want), self._seen(value.id, key)) from None

    def _seen(self, target: str, key: str) -> str:
        loc = self._loc(target)
        try:
            if key == "count":
                return str(self._all(split_target(target)[0]).count())
            if loc.count() == 0:
                return "no such element on the screen"
            if key in ("text", "contains"):
                return repr(loc.inner_text(timeout=1000))
            if key == "visible":
                return "visible" if loc.is_visible() else "hidden"
            if key == "enabled":
                return "enabled" if loc.is_enabled(timeout=1000) else "disabled"
            if key == "value":
                return repr(loc.input_value(timeout=1000))
            if key == "checked":
                return "checked" if _checked(loc) else "not checked"
        except Exception as exc:  # the element went away while we looked
            return str(exc).splitlines()[0]
        return "?"

    def _expect_text(self, text: str) -> None:
        from playwright.sync_api import expect

        try:
            expect(self.pw.locator("body")).to_contain_text(text, timeout=self.timeout)
        except AssertionError:
            raise StepFailed(f"the screen to show {text!r}",
                             repr(self.pw.locator("body").inner_text()[:300])) from None

    def _expect_no_text(self, text: str) -> None:
        from playwright.sync_api import expect

        try:
            expect(self.pw.get_by_text(text, exact=True)).to_be_hidden(timeout=self.timeout)
        except AssertionError:
            raise StepFailed(f"no element showing {text!r}", "it is shown") from None

    def _expect_toast(self, text: str) -> None:
        from playwright.sync_api import expect

        role = "alert" if self.target == "mobile" else "status"
        loc = self.pw.get_by_role(role)
        try:
            expect(loc).to_contain_text(text, timeout=self.timeout)
        except AssertionError:
            seen = [t for t in loc.all_inner_texts() if t.strip()]
            raise StepFailed(f"a toast containing {text!r}",
                             f"toasts {seen!r}" if seen else "no toast") from None

    def _expect_title(self, title: str) -> None:
        from playwright.sync_api import expect

        try:
            expect(self.pw).to_have_title(title, timeout=self.timeout)
        except AssertionError:
            raise StepFailed(f"the title {title!r}", repr(self.pw.title())) from None

    def _expect_page(self, page_id: str) -> None:
        page = self.app.page(page_id)
        deadline = time.monotonic() + self.timeout / 1000
        while True:
            seen = self._current_page()
            if seen == page_id:
                return
            if time.monotonic() > deadline:
                raise StepFailed(f"page '{page.id}'", f"page '{seen}'" if seen
                                 else f"the address {self.pw.url}")
            self.pw.wait_for_timeout(50)

    def _current_page(self) -> str | None:
        if self.target == "mobile":
            route = self.pw.evaluate("location.pathname")
        else:
            route = self.pw.evaluate("location.hash").lstrip("#") or "/"
        parts = [p for p in route.split("?")[0].split("/") if p]
        for page in self.app.pages:
            segs = [s for s in page.segments if s]
            if len(segs) == len(parts) and all(s.startswith(":") or s == p
                                               for s, p in zip(segs, parts, strict=True)):
                return page.id
        return None


_CHECKED = """e => {
  const box = e.matches('input, [role=switch], [role=checkbox]') ? e
    : e.querySelector('input, [role=switch], [role=checkbox]');
  if (!box) return null;
  if (box.getAttribute('aria-checked') !== null) return box.getAttribute('aria-checked') === 'true';
  return !!box.checked;
}"""


def _checked(loc: Any) -> bool | None:
    """A checkbox's or switch's state: react-native-web wraps the box the test id is on."""
    state: bool | None = loc.evaluate(_CHECKED)
    return state


def _until(condition: Any, timeout_ms: int) -> None:
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*",
         "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE"}


def _describe(key: str, want: object) -> str:
    return {"text": f"text {want!r}", "contains": f"text containing {want!r}",
            "count": f"{want} element(s)", "visible": "visible" if want else "hidden",
            "enabled": "enabled" if want else "disabled", "value": f"value {want!r}",
            "checked": "checked" if want else "not checked"}[key]
