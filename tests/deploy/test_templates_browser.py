"""Every template of `appforge new`, built and opened in Chromium as a new user would: the
first screen shows, works, and nothing goes wrong (no console error, no CSP violation, no
error toast), whether the build is opened from disk, from a plain static server, or from
nginx with the scaffolded configuration and its headers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from appforge.scaffold import TEMPLATES
from tests.conftest import Page
from tests.deploy.conftest import Built, Nginx

WAYS = ["file", "http", "nginx"]


def first_screen(template: str, page: Page) -> None:
    """What the template's first screen shows, and one thing done on it."""
    p = page.page
    body = p.locator("body")
    if template == "blank":
        assert p.get_by_role("heading", name="Welcome").is_visible()
        assert "`" not in body.inner_text()  # no Markdown shown as it was typed
        page.testid("hello").click()
        assert page.testid("hello").text_content() == "Clicked 1 times"
    elif template == "todo":
        assert page.testid("count").text_content() == "0 left"
        page.testid("new-task").fill("Water the plants")
        page.testid("add").click()
        assert page.testid("count").text_content() == "1 left"
    else:
        assert p.title() == "Contacts (3)"
        assert "Ada Lovelace" in page.testid("contacts").inner_text()
        assert p.locator(".toast").count() == 0  # no "could not load" on the way in
        page.testid("nav-add").click()
        page.testid("contact-name").fill("Katherine Johnson")
        page.testid("contact-email").fill("katherine@example.com")
        page.testid("contact-submit").click()
        p.wait_for_function("document.title === 'Contacts (4)'")
        assert "Katherine Johnson" in page.testid("contacts").inner_text()
        assert p.locator(".toast").all_inner_texts() == ["Saved Katherine Johnson"]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_template_opens_on_a_working_first_screen(
        template: str, way: str, built_templates: dict[str, Built], web_page: Page,
        serve: Callable[[Path], str], request: pytest.FixtureRequest) -> None:
    built = built_templates[template]
    if way == "file":
        url = (built.web / "index.html").as_uri()
    elif way == "http":
        url = serve(built.web)
    else:
        start: Callable[[Built], Nginx] = request.getfixturevalue("nginx")
        url = start(built).url
    web_page.page.goto(url)
    web_page.page.wait_for_selector("main, [data-testid]")
    first_screen(template, web_page)
    assert_no_error_toast(web_page.page)
    web_page.assert_clean()


def assert_no_error_toast(page: Any) -> None:
    texts = page.locator(".toast").all_inner_texts()
    assert not [t for t in texts if "could not" in t.lower() or "error" in t.lower()], texts
