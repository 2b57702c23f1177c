"""`appforge dev` end to end in Chromium: an edit reaches the open page without a manual
reload; a broken spec shows the overlay over the last good build; fixing it removes the
overlay; traversal attempts get 404."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from appforge.dev.rebuild import Outcome
from appforge.dev.server import DevServer
from tests.conftest import Page
from tests.dev.conftest import edit

pytestmark = pytest.mark.browser


_edit = edit


def test_edit_break_fix(dev_session: tuple[Path, DevServer, list[Outcome]],
                        web_page: Page) -> None:
    from playwright.sync_api import expect

    project, server, outcomes = dev_session
    page = web_page.page
    page.goto(server.url)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Expenses")
    spec = project / "appforge.yaml"
    _edit(spec, "{type: heading, text: Expenses}", "{type: heading, text: Spending}")
    expect(heading).to_have_text("Spending", timeout=10_000)  # no manual reload

    _edit(spec, "state.budget }}", "state.budgte }}")
    overlay = page.get_by_test_id("appforge-dev-overlay")
    expect(overlay).to_be_visible(timeout=10_000)
    expect(overlay).to_contain_text("error[E0203]")
    expect(overlay).to_contain_text("unknown state key 'budgte'")
    expect(heading).to_have_text("Spending")  # the last good build is still there
    assert not outcomes[-1].ok

    _edit(spec, "state.budgte }}", "state.budget }}")
    expect(overlay).to_be_hidden(timeout=10_000)
    assert outcomes[-1].ok
    web_page.assert_clean()


@pytest.mark.parametrize("path", ["/../appforge.yaml", "/%2e%2e/appforge.yaml",
                                  "/%2e%2e%2fappforge.yaml", "/..%5cappforge.yaml",
                                  "/assets/../../appforge.yaml", "/%252e%252e/appforge.yaml",
                                  "//etc/passwd", "/appforge.yaml"])
def test_traversal_gets_404(dev_session: tuple[Path, DevServer, list[Outcome]],
                            path: str) -> None:
    _, server, _ = dev_session
    base = server.url.rstrip("/")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(base + path, timeout=5)
    assert info.value.code == 404


def test_serves_the_build_and_binds_loopback(
        dev_session: tuple[Path, DevServer, list[Outcome]]) -> None:
    _, server, _ = dev_session
    assert server.server_address[0] == "127.0.0.1"
    with urllib.request.urlopen(server.url, timeout=5) as reply:
        html: Any = reply.read().decode()
    assert '<script src="/__appforge/dev.js" defer></script>' in html
    with urllib.request.urlopen(server.url + "app.js", timeout=5) as reply:
        assert b"R.start(app)" in reply.read()
