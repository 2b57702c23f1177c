"""The diagnostics overlay of `appforge dev`, in Chromium at a phone's width and a desktop's:
every diagnostic with its code frame (numbered lines, a caret), hint and a link that opens the
file at the line in the user's editor; dismissible (the close button, Esc) and back from a
badge; no horizontal scrolling at 375 px; nothing of the app showing through; spec text shown
as text (never markup); the page's CSP kept. Screenshots are saved for a person to look at
(in APPFORGE_TEST_ARTIFACTS when set, else the test's temporary folder)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from appforge.dev.server import editor_link
from tests.conftest import Page
from tests.dev.conftest import Session, edit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
HOSTILE = "<img src=x onerror=window.__pwned=1><b>bold</b>"


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("APPFORGE_TEST_ARTIFACTS") or tmp_path) / "overlay"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def phone(chromium: Any) -> Iterator[Page]:
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                   has_touch=True)
    yield Page(context.new_page())
    context.close()


@pytest.fixture
def desktop(chromium: Any) -> Iterator[Page]:
    context = chromium.new_context(viewport=DESKTOP)
    yield Page(context.new_page())
    context.close()


def _break(project: Path) -> tuple[int, int]:
    """Two checker errors in one save (an unknown state key with a 'did you mean', an unknown
    function) on a line that also holds markup; the line and column of the first."""
    spec = project / "appforge.yaml"
    edit(spec, "{type: heading, text: Expenses}",
         "{type: heading, text: \"" + HOSTILE + " {{ frobnicate(1) }}\"}")
    edit(spec, "of {{ state.budget }}", "of {{ state.budgte }}")
    lines = spec.read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "state.budgte" in line)
    return number, lines[number - 1].index("budgte") + 1


def _no_horizontal_scroll(page: Any, width: int) -> None:
    sizes = page.evaluate("""() => {
        const o = document.getElementById('appforge-dev-overlay');
        return {doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
                overlay: o.scrollWidth, client: o.clientWidth,
                right: Math.max(...[...o.querySelectorAll('*')].filter(
                    e => !e.closest('pre')).map(e => e.getBoundingClientRect().right))};
    }""")
    assert sizes["doc"] <= width and sizes["overlay"] <= sizes["client"], sizes
    assert sizes["right"] <= width, sizes  # every box outside a code frame fits


def _covers_the_app(page: Any, viewport: dict[str, int]) -> None:
    """The overlay is opaque and is what every point of the viewport shows."""
    background = page.evaluate(
        "getComputedStyle(document.getElementById('appforge-dev-overlay')).backgroundColor")
    assert background.startswith("rgb(") and "rgba" not in background, background
    inside = page.evaluate("""([w, h]) => {
        const o = document.getElementById('appforge-dev-overlay');
        const points = [[2, 2], [w - 2, 2], [w / 2, h / 2], [2, h - 2], [w - 2, h - 2]];
        return points.every(([x, y]) => o.contains(document.elementFromPoint(x, y)));
    }""", [viewport["width"], viewport["height"]])
    assert inside


@pytest.mark.parametrize("device, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_overlay_shows_every_diagnostic(start_dev: Callable[..., Session], tmp_path: Path,
                                        request: pytest.FixtureRequest, device: str,
                                        viewport: dict[str, int]) -> None:
    from playwright.sync_api import expect

    web: Page = request.getfixturevalue(device)
    project, server, outcomes = start_dev()
    page = web.page
    page.goto(server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Expenses")
    line, column = _break(project)

    overlay = page.get_by_test_id("appforge-dev-overlay")
    expect(overlay).to_be_visible(timeout=10_000)
    items = overlay.get_by_test_id("appforge-dev-diagnostic")
    expect(items).to_have_count(2)
    expect(overlay.get_by_role("heading", level=2)).to_have_text("The spec has 2 errors")
    budget = items.filter(has_text="unknown state key 'budgte'")
    expect(budget).to_have_count(1)
    expect(budget).to_contain_text("error[E0203]")
    # The code frame: the line above, the line and the line below, numbered; a caret under
    # the name.
    frame = budget.get_by_test_id("appforge-dev-frame")
    rows = frame.evaluate("pre => [...pre.children].map(row => row.textContent)")
    assert any(r.startswith(f">{line} | ") and "state.budgte" in r for r in rows), rows
    assert any(r.strip().startswith(f"{line - 1} | ") for r in rows), rows
    assert any(r.strip().startswith(f"{line + 1} | ") for r in rows), rows
    marked = next(r for r in rows if r.startswith(f">{line} | "))
    carets = rows[rows.index(marked) + 1]
    assert marked[carets.index("^"):].startswith("budgte")
    assert carets.strip() == "^" * len("budgte")
    expect(budget.get_by_test_id("appforge-dev-hint")).to_have_text(
        "hint: did you mean 'budget'?")
    # The link opens the file at the line and column in VS Code (the default).
    link = budget.get_by_test_id("appforge-dev-open")
    expect(link).to_have_text(f"appforge.yaml:{line}:{column}")
    expected = f"vscode://file{(project / 'appforge.yaml').resolve().as_posix()}:{line}:{column}"
    assert link.get_attribute("href") == expected
    # Spec text is data: the markup in the line is shown, never made into elements.
    other = items.filter(has_text="frobnicate")
    expect(other).to_contain_text(HOSTILE)
    assert overlay.locator("img, b").count() == 0
    assert page.evaluate("window.__pwned") is None
    # However narrow the screen, each frame is scrolled to show its caret.
    for caret in overlay.get_by_test_id("appforge-dev-caret").all():
        box = caret.bounding_box()
        pre = caret.locator("xpath=ancestor::pre").bounding_box()
        gutter = caret.locator("xpath=../../span[1]").bounding_box()
        assert box and pre and gutter
        assert gutter["x"] + gutter["width"] <= box["x"], (box, gutter)  # not under the numbers
        assert box["x"] + box["width"] <= pre["x"] + pre["width"], (box, pre)
    _no_horizontal_scroll(page, viewport["width"])
    _covers_the_app(page, viewport)
    page.screenshot(path=str(_shots(tmp_path) / f"overlay-{device}.png"), full_page=False)

    # Dismissed with the close button: the app is back, a badge brings the overlay back.
    page.get_by_test_id("appforge-dev-overlay-close").click()
    expect(overlay).to_be_hidden()
    badge = page.get_by_test_id("appforge-dev-badge")
    expect(badge).to_have_text("2 errors")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.screenshot(path=str(_shots(tmp_path) / f"dismissed-{device}.png"))
    badge.click()
    expect(overlay).to_be_visible()
    page.keyboard.press("Escape")
    expect(overlay).to_be_hidden()

    # Fixing the spec removes the badge too.
    edit(project / "appforge.yaml", "state.budgte", "state.budget")
    edit(project / "appforge.yaml", " {{ frobnicate(1) }}", "")
    expect(badge).to_be_hidden(timeout=10_000)
    expect(overlay).to_be_hidden()
    assert outcomes[-1].ok
    web.assert_clean()  # no CSP violation, no script error


def test_a_page_opened_on_a_broken_spec_shows_the_overlay(
        start_dev: Callable[..., Session], desktop: Page) -> None:
    from playwright.sync_api import expect

    project, server, outcomes = start_dev()
    _break(project)
    # Opened once the rebuild has found both errors (a busy machine may take seconds), so the
    # page meets a broken spec rather than a good build that breaks later.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
            outcomes and sum(d.is_error for d in outcomes[-1].diagnostics) == 2):
        time.sleep(0.05)
    assert outcomes and not outcomes[-1].ok
    page = desktop.page
    page.goto(server.url)
    expect(page.get_by_test_id("appforge-dev-diagnostic")).to_have_count(2, timeout=15_000)
    desktop.assert_clean()


def test_editor_url_can_be_changed(start_dev: Callable[..., Session], desktop: Page) -> None:
    from playwright.sync_api import expect

    project, server, _ = start_dev(editor_url="idea://open?file={path}&line={line}")
    line, _ = _break(project)
    page = desktop.page
    page.goto(server.url)
    link = page.get_by_test_id("appforge-dev-diagnostic").filter(
        has_text="budgte").get_by_test_id("appforge-dev-open")
    expect(link).to_be_visible(timeout=10_000)
    href = link.get_attribute("href") or ""
    assert href.startswith("idea://open?file=/") and href.endswith(f"/appforge.yaml&line={line}")


def test_no_link_without_an_editor_url(start_dev: Callable[..., Session],
                                       desktop: Page) -> None:
    from playwright.sync_api import expect

    project, server, _ = start_dev(editor_url="")
    _break(project)
    page = desktop.page
    page.goto(server.url)
    expect(page.get_by_test_id("appforge-dev-place").first).to_be_visible(timeout=10_000)
    assert page.get_by_test_id("appforge-dev-open").count() == 0


@pytest.mark.parametrize("template, expected", [
    ("vscode://file{path}:{line}:{col}", "vscode://file/p/my%20app/appforge.yaml:3:7"),
    ("vscode://file/{path}:{line}:{col}", "vscode://file//p/my%20app/appforge.yaml:3:7"),
    ("idea://open?file={path}&line={line}", "idea://open?file=/p/my%20app/appforge.yaml&line=3"),
    ("subl://open?url=file://{path}&line={line}",
     "subl://open?url=file:///p/my%20app/appforge.yaml&line=3"),
    ("javascript:alert({line})", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,{path}", None),
    ("", None),
    (None, None),
])
def test_editor_link(template: str | None, expected: str | None) -> None:
    assert editor_link(template, Path("/p/my app/appforge.yaml"), 3, 7) == expected


def test_editor_link_encodes_what_the_path_holds() -> None:
    href = editor_link("vscode://file{path}:{line}", Path('/p/"><x>\n/appforge.yaml'), 1, 1)
    assert href is not None and all(c not in href for c in '"<>\n ')


def test_client_never_parses_markup() -> None:
    """The overlay builds its DOM from text only, and styles it through the CSSOM (the page's
    CSP forbids style attributes and inline styles)."""
    import re

    from tests.conftest import ROOT

    text = (ROOT / "templates" / "dev" / "client.js").read_text()
    source = re.sub(r"^\s*//.*$", "", text, flags=re.M)  # the code, not its comments
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                   "setAttribute(\"style\"", "createElement(\"style\")", "eval(",
                   "new Function"):
        assert banned not in source, banned
