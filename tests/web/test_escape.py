"""The per-context escaping functions (registered as Jinja filters in one place)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appforge.targets.web.escape import css_colour, css_font, css_px, html_attr, html_text, js
from appforge.targets.web.render import environment


@given(st.text())
def test_js_literals_are_inert_and_round_trip(text: str) -> None:
    out = js(text)
    assert not any(bad in out for bad in ("<", ">", "&", "\u2028", "\u2029"))
    # A double-quoted literal: backticks and ${ inside it are plain characters.
    assert out.startswith('"') and out.endswith('"')
    assert json.loads(out) == text


def test_js_escapes_script_end_and_line_separators() -> None:
    assert js("</script><!--\u2028\u2029`${x}`") == \
        '"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029`${x}`"'


def test_html_filters_escape_quotes_and_tags() -> None:
    assert html_text("<b>&") == "&lt;b&gt;&amp;"
    assert html_attr('" onload="x') == "&#34; onload=&#34;x"


@pytest.mark.parametrize("font, expected", [
    ("Inter, sans-serif", '"Inter", sans-serif, system-ui, sans-serif'),
    ("x;}</style><script>alert(1)</script>", "system-ui, sans-serif"),
    ("'Open Sans'", '"Open Sans", system-ui, sans-serif'),
    ("a\\\"b", "system-ui, sans-serif"),
])
def test_css_font_keeps_only_plain_family_names(font: str, expected: str) -> None:
    assert css_font(font) == expected


@pytest.mark.parametrize("colour", ["red", "#fff;}", "#12345g", "url(x)", "#ffffff}"])
def test_css_colour_refuses_anything_but_hex(colour: str) -> None:
    with pytest.raises(ValueError):
        css_colour(colour)


def test_css_px_is_an_integer() -> None:
    assert css_px(8) == "8px"
    with pytest.raises(ValueError):
        css_px("8px;}")


def test_filters_registered_in_one_place_with_strict_undefined() -> None:
    env = environment()
    assert {"js", "html_text", "html_attr", "css_colour", "css_font", "css_px"} <= set(env.filters)
    from jinja2 import StrictUndefined

    assert env.undefined is StrictUndefined
