"""A component written in the spec, in a browser: examples/tasting's `rating_row` shows its
props, places the use's slot content and runs the use's actions when its button emits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests import scenarios
from tests.conftest import ROOT, Page

pytestmark = pytest.mark.browser


def test_rating_row_props_slot_and_event(build_web: Callable[..., Path],
                                         serve: Callable[[Path], str], web_page: Page) -> None:
    web_page.page.goto(serve(build_web(ROOT / "examples" / "tasting")))
    scenarios.run(web_page.page, [
        ("count", "dish", 3),  # the use's id on the body's single root, once per item
        ("text", "dish-label#0", "Pasta al limone"),  # a prop from the loop variable
        ("text", "dish-stars#0", "3 / 5"),  # a prop and a default
        ("text", "note#1", "Needs more basil"),  # the slot: the use's own components
        ("disabled", "dish-rate#2", True),  # an expression over props
        ("visible", "last", False),
        ("click", "dish-rate#0"),  # emit: the use's actions, with its loop variable
        ("text", "dish-stars#0", "4 / 5"),
        ("text", "last", "Last rated: Pasta al limone"),
        ("click", "dish-rate#0"),
        ("disabled", "dish-rate#0", True),
        ("text", "house-label", "House wine"),  # a second use, literal props
        ("text", "house-stars", "2 / 5"),
    ])
    web_page.assert_clean()
