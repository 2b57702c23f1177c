"""The dialog and tabs components in Chromium: the dialog is a real modal (showModal: the page
behind is inert, Escape and the close button close it and write false to its state, on_close
runs), and tabs follow the WAI-ARIA pattern (one panel shown, aria-selected, arrow keys, a
bound tab position both ways)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import Page

pytestmark = pytest.mark.browser

PARTS = Path(__file__).parent / "parts"


def test_the_dialog_is_modal_and_closes_every_way(build_web: Callable[..., Path],
                                                  serve: Callable[[Path], str],
                                                  web_page: Page) -> None:
    page = web_page.page
    page.goto(serve(build_web(PARTS)))
    dialog = page.get_by_test_id("really")
    expect(dialog).to_be_hidden()
    page.get_by_test_id("ask").click()
    expect(dialog).to_be_visible()
    expect(page.get_by_role("dialog", name="Delete this habit?")).to_be_visible()
    # Modal: the rest of the page is inert while it is open.
    assert page.evaluate("document.querySelector('dialog').matches(':modal')")
    # Escape closes it, writes false, runs on_close.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("closed")).to_have_text("closed 1 times")
    # The close button too.
    page.get_by_test_id("ask").click()
    page.get_by_test_id("really-close").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("closed")).to_have_text("closed 2 times")
    # And an action that sets the state false.
    page.get_by_test_id("ask").click()
    expect(page.get_by_test_id("warning")).to_have_text("It cannot be undone.")
    page.get_by_test_id("yes").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("closed")).to_have_text("closed 3 times")
    # Opened again after closing: the state drives it each time.
    page.get_by_test_id("ask").click()
    expect(dialog).to_be_visible()
    web_page.assert_clean()


def test_tabs_show_one_panel_and_follow_the_keyboard(build_web: Callable[..., Path],
                                                     serve: Callable[[Path], str],
                                                     web_page: Page) -> None:
    page = web_page.page
    page.goto(serve(build_web(PARTS)))
    tabs = page.get_by_test_id("views")
    expect(tabs.get_by_role("tab")).to_have_count(2)
    expect(page.get_by_test_id("list-tab")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_test_id("list-text")).to_be_visible()
    expect(page.get_by_test_id("stats-text")).to_be_hidden()
    page.get_by_test_id("stats-tab").click()
    expect(page.get_by_test_id("stats-text")).to_be_visible()
    expect(page.get_by_test_id("list-text")).to_be_hidden()
    expect(page.get_by_test_id("which")).to_have_text("tab 1")  # bound both ways
    # Arrow keys move and select; only the selected tab is in the tab order.
    page.get_by_test_id("stats-tab").focus()
    page.keyboard.press("ArrowRight")  # wraps to the first
    expect(page.get_by_test_id("list-tab")).to_be_focused()
    expect(page.get_by_test_id("which")).to_have_text("tab 0")
    expect(page.get_by_test_id("stats-tab")).to_have_attribute("tabindex", "-1")
    # Unbound tabs keep their own choice.
    own = page.get_by_test_id("own")
    expect(own.get_by_role("tabpanel")).to_have_text("panel a")
    page.get_by_test_id("b-tab").click()
    expect(own.get_by_role("tabpanel")).to_have_text("panel b")
    web_page.assert_clean()


def test_a_child_of_tabs_must_be_a_tab(tmp_path: Path) -> None:
    from appforge.pipeline import check_project

    (tmp_path / "appforge.yaml").write_text(
        "appforge: 1\napp: {name: T, id: com.example.t}\npages:\n  - id: home\n    path: /\n"
        "    body:\n      - type: tabs\n        children:\n          - {type: text, text: x}\n")
    found = [(d.code, d.span.line, d.span.column) for d in check_project(tmp_path).diagnostics]
    assert ("E0416", 9, 20) in found


def test_a_dialog_open_from_the_start_shows_when_the_page_loads(
        tmp_path: Path, build_web: Callable[..., Path], serve: Callable[[Path], str],
        web_page: Page) -> None:
    spec = (PARTS / "appforge.yaml").read_text().replace(
        "asking: {type: boolean, default: false}", "asking: {type: boolean, default: true}")
    assert "default: true" in spec
    (tmp_path / "appforge.yaml").write_text(spec)
    web_page.page.goto(serve(build_web(tmp_path)))
    expect(web_page.page.get_by_test_id("really")).to_be_visible()
    assert web_page.page.evaluate("document.querySelector('dialog').matches(':modal')")
    web_page.assert_clean()
