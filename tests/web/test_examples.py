"""The example apps behave in Chromium as their comments say, from a server and from disk,
with no console error and no CSP violation."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import scenarios
from tests.conftest import ROOT, Api, Page, shared_example

pytestmark = pytest.mark.browser


def test_todo_over_http(build_web: Callable[..., Path], serve: Callable[[Path], str],
                        web_page: Page) -> None:
    web_page.page.goto(serve(build_web(shared_example("todo"))))
    scenarios.run(web_page.page, scenarios.TODO)
    web_page.assert_clean()


def test_todo_from_file(build_web: Callable[..., Path], web_page: Page) -> None:
    web_page.page.goto((build_web(shared_example("todo")) / "index.html").as_uri())
    scenarios.run(web_page.page, scenarios.TODO[:12])
    web_page.assert_clean()


def test_unknown_route_shows_not_found(build_web: Callable[..., Path],
                                       serve: Callable[[Path], str], web_page: Page) -> None:
    web_page.page.goto(serve(build_web(shared_example("todo"))) + "#/no/such/page")
    scenarios.run(web_page.page, [("visible", "not-found", True)])
    web_page.assert_clean()


def test_signup(build_web: Callable[..., Path], serve: Callable[[Path], str],
                web_page: Page) -> None:
    web_page.page.goto(serve(build_web(shared_example("signup"))))
    scenarios.run(web_page.page, scenarios.SIGNUP)
    web_page.assert_clean()


def _member(n: int) -> list[Any]:
    return [("click", "nav-join"), ("fill", "signup-name", f"Member {n}"),
            ("fill", "signup-email", f"m{n}@example.com"), ("fill", "signup-age", "20"),
            ("fill", "signup-password", "password!"), ("click", "signup-submit")]


def test_signup_club_getting_full(build_web: Callable[..., Path],
                                  serve: Callable[[Path], str], web_page: Page) -> None:
    web_page.page.goto(serve(build_web(shared_example("signup"))))
    steps: list[Any] = []
    for n in range(1, 4):
        steps += [*_member(n), ("count", "members-item", n)]
    steps += [*_member(4), ("toast", "Club is getting full"), ("text", "total-age",
                                                               "Total age: 80")]
    scenarios.run(web_page.page, steps)
    web_page.assert_clean()


QUOTES = {"quotes": [{"id": 1, "quote": "Less is more", "author": "Mies"},
                     {"id": 7, "quote": "Stay hungry", "author": "Jobs"}]}


def test_quotes_list_and_detail(build_web: Callable[..., Path], serve: Callable[[Path], str],
                                web_page: Page, api: Api) -> None:
    api.routes[("GET", "/quotes")] = (200, QUOTES)
    web = build_web(shared_example("quotes"), {"API_URL": api.url})
    web_page.page.goto(serve(web))
    scenarios.run(web_page.page, [
        ("count", "quotes-item", 2),
        ("visible", "loading", False),
        ("visible", "error", False),
        ("click", "quote-link#1"),
        ("text", "quote-text", "Stay hungry"),
        ("text", "quote-author", "JOBS"),
        ("title", "Quote 7"),
        ("click", "back"),
        ("count", "quotes-item", 2),
        ("goto", "#/quote/99"),
        ("see", "Quote not found"),
    ])
    web_page.assert_clean()


@pytest.mark.parametrize("status, body", [(500, {"error": "down"}), (200, "not json{"),
                                          (200, {"quotes": "not a list"})])
def test_quotes_error_then_retry(build_web: Callable[..., Path], serve: Callable[[Path], str],
                                 web_page: Page, api: Api, status: int, body: Any) -> None:
    api.routes[("GET", "/quotes")] = (status, body)
    web = build_web(shared_example("quotes"), {"API_URL": api.url})
    web_page.page.goto(serve(web))
    scenarios.run(web_page.page, [("visible", "error", True), ("toast", "Could not load quotes"),
                                  ("count", "quotes-item", 0)])
    api.routes[("GET", "/quotes")] = (200, QUOTES)
    scenarios.run(web_page.page, [("click", "retry"), ("count", "quotes-item", 2),
                                  ("visible", "error", False)])
    # A failed fetch is reported by the browser itself as a console error; nothing else may be.
    assert all("Failed to load resource" in e for e in web_page.errors), web_page.errors
    assert web_page.dialogs == []


def test_project_example_expenses(build_web: Callable[..., Path],
                                  serve: Callable[[Path], str], web_page: Page) -> None:
    web_page.page.goto(serve(build_web(ROOT / "examples" / "expenses")))
    scenarios.run(web_page.page, [
        ("click", "expense-submit"),
        ("text", "expense-description-error", "Description is required"),
        ("text", "expense-amount-error", "Amount is required"),
        ("text", "expense-date-error", "Date is required"),
        ("fill", "expense-description", "Lunch"),
        ("fill", "expense-amount", "0"),
        ("fill", "expense-date", "2026-11-28"),
        ("click", "expense-submit"),
        ("contains", "expense-amount-error", "at least 0.01"),
        ("fill", "expense-amount", "12.5"),
        ("click", "expense-submit"),
        ("toast", "Added Lunch"),
        ("count", "expenses-item", 1),
        ("text", "total", "Total: 12.5 of 500"),
        ("visible", "over-budget", False),
        ("fill", "budget", "10"),
        ("visible", "over-budget", True),
        ("select", "show", "travel"),
        ("count", "expenses-item", 0),
        ("select", "show", "all"),
        ("reload",),
        ("count", "expenses-item", 1),
        ("text", "total", "Total: 12.5 of 10"),
        ("click", "clear"),
        ("count", "expenses-item", 0),
        ("text", "total", "Total: 0 of 10"),
    ])
    web_page.assert_clean()


def test_project_example_recipes(build_web: Callable[..., Path],
                                 serve: Callable[[Path], str], web_page: Page) -> None:
    web_page.page.goto(serve(build_web(ROOT / "examples" / "recipes")))
    scenarios.run(web_page.page, [
        ("count", "recipes-item", 4),
        ("text", "favourites", "0 favourites"),
        ("fill", "search", "curry"),
        ("visible", "favourite#1", True),
        ("check", "favourite#1"),
        ("text", "favourites", "1 favourite"),
        ("fill", "search", ""),
        ("click", "vegetarian"),
        ("reload",),
        ("text", "favourites", "1 favourite"),
        ("click", "open#2"),
        ("text", "name", "Roast chicken"),
        ("text", "time", "Ready in 90 minutes"),
        ("text", "servings", "Serves 6"),
        ("click", "back"),
        ("goto", "#/recipe/99"),
        ("contains", "detail", "No such recipe"),
    ])
    web_page.assert_clean()


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
