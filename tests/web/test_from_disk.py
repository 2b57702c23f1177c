"""Opened straight from disk (file://), a REST app still fetches from its API and routes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests import scenarios
from tests.conftest import Api, Page, shared_example
from tests.web.test_examples import QUOTES

pytestmark = pytest.mark.browser


def test_quotes_from_file(build_web: Callable[..., Path], web_page: Page, api: Api) -> None:
    api.routes[("GET", "/quotes")] = (200, QUOTES)
    web = build_web(shared_example("quotes"), {"API_URL": api.url})
    web_page.page.goto((web / "index.html").as_uri())
    scenarios.run(web_page.page, [
        ("count", "quotes-item", 2),
        ("click", "quote-link#1"),
        ("text", "quote-author", "JOBS"),
        ("back",),
        ("count", "quotes-item", 2),
        ("reload",),
        ("count", "quotes-item", 2),
    ])
    web_page.assert_clean()


def test_signup_from_file(build_web: Callable[..., Path], web_page: Page) -> None:
    web_page.page.goto((build_web(shared_example("signup")) / "index.html").as_uri())
    scenarios.run(web_page.page, scenarios.SIGNUP)
    web_page.assert_clean()
