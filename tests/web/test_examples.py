"""What the examples' journeys cannot say: the web build from disk (file://), an unknown
route, the requests and analytics beacons an app sends, stale stored values.

The examples' behaviour itself is in their journey files (examples/*/tests/, and
tests/journeys/<example>/ for the shared examples), run by tests/journeys/test_run_web.py
through `appforge test`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import scenarios
from tests.conftest import ROOT, Api, Page, shared_example

pytestmark = pytest.mark.browser


def test_todo_from_file(build_web: Callable[..., Path], web_page: Page) -> None:
    web_page.page.goto((build_web(shared_example("todo")) / "index.html").as_uri())
    scenarios.run(web_page.page, scenarios.TODO[:12])
    web_page.assert_clean()


def test_unknown_route_shows_not_found(build_web: Callable[..., Path],
                                       serve: Callable[[Path], str], web_page: Page) -> None:
    web_page.page.goto(serve(build_web(shared_example("todo"))) + "#/no/such/page")
    scenarios.run(web_page.page, [("visible", "not-found", True)])
    web_page.assert_clean()


def _member(n: int) -> list[Any]:
    return [("click", "nav-join"), ("fill", "signup-name", f"Member {n}"),
            ("fill", "signup-email", f"m{n}@example.com"), ("fill", "signup-age", "20"),
            ("fill", "signup-password", "password!"), ("click", "signup-submit")]


QUOTES = {"quotes": [{"id": 1, "quote": "Less is more", "author": "Mies"},
                     {"id": 7, "quote": "Stay hungry", "author": "Jobs"}]}


def test_project_example_bookshelf(build_web: Callable[..., Path],
                                   serve: Callable[[Path], str], web_page: Page,
                                   api: Api) -> None:
    books = {"books": [{"id": 1, "title": "Dune", "author": "Herbert", "pages": 412}]}
    api.routes[("GET", "/books")] = (200, books)
    api.routes[("POST", "/books")] = (201, {"id": 2})
    beacons: list[dict[str, Any]] = []

    def collect(route: Any) -> None:
        beacons.append(json.loads(route.request.post_data or "{}"))
        route.fulfill(status=204)

    web_page.page.route("https://collector.example.com/**", collect)
    web_page.page.goto(serve(build_web(ROOT / "examples" / "bookshelf", {"API_URL": api.url})))
    scenarios.run(web_page.page, [
        ("count", "books-item", 1),
        ("text", "count", "1 books"),
        ("text", "pages", "412 pages in all"),
        ("disabled", "add", True),
        ("fill", "title", "Emma"),
        ("fill", "author", "Austen"),
    ])
    api.routes[("GET", "/books")] = (200, {"books": [*books["books"], {
        "id": 2, "title": "Emma", "author": "Austen", "pages": 474}]})
    scenarios.run(web_page.page, [("click", "add"), ("toast", "Saved"), ("count", "books-item", 2),
                                  ("text", "pages", "886 pages in all"), ("text", "title", "")])
    assert ("POST", "/books", {"title": "Emma", "author": "Austen"}) in api.requests
    # track actions and page views go to app.analytics.url
    events = [(b["event"], b["props"]) for b in beacons]
    assert ("page_view", {"page": "shelf"}) in events
    assert ("book_added", {"title": "Emma"}) in events
    web_page.assert_clean()


def test_stale_persisted_value_falls_back_to_the_default(
        build_web: Callable[..., Path], serve: Callable[[Path], str], web_page: Page) -> None:
    url = serve(build_web(shared_example("todo")))
    page = web_page.page
    page.goto(url)
    # A value stored by an older version of the app that no longer fits the type.
    page.evaluate("localStorage.setItem('appforge:com.example.tasks:tasks', "
                  "JSON.stringify([{title: 42, done: 'yes'}]))")
    page.reload()
    scenarios.run(page, [("text", "open-count", "0 open of 0"), ("count", "tasks-item", 0)])
    page.evaluate("localStorage.setItem('appforge:com.example.tasks:tasks', '{not json')")
    page.reload()
    scenarios.run(page, [("text", "open-count", "0 open of 0")])
    web_page.assert_clean()


def test_no_analytics_without_a_url(build_web: Callable[..., Path],
                                    serve: Callable[[Path], str], web_page: Page) -> None:
    requests: list[str] = []
    web_page.page.on("request", lambda r: requests.append(r.url))
    base = serve(build_web(shared_example("signup")))
    web_page.page.goto(base)
    scenarios.run(web_page.page, [*_member(1), ("count", "members-item", 1)])
    # signup has `track` actions but no app.analytics: nothing leaves the app's own server.
    assert all(u.startswith(base) for u in requests), requests
    web_page.assert_clean()
