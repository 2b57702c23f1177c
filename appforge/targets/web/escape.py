"""Escaping for each language spec text can land in: one function per context, registered as
Jinja filters in one place (:func:`register`). Spec text is only ever data to these functions;
it is never part of a template."""

from __future__ import annotations

import json
import re
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
              "\u2029": "\\u2029"}


def js(value: Any) -> str:
    """A JavaScript literal for JSON-like data: strings double-quoted and escaped, with `<`,
    `>` and `&` escaped too so the text can never close a script element or start a comment,
    and U+2028/2029 escaped (line terminators in older JavaScript)."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, allow_nan=False)
    return re.sub(r"[<>&\u2028\u2029]", lambda m: _JS_UNSAFE[m.group()], text)


def html_text(value: Any) -> Markup:
    return escape(str(value))


def html_attr(value: Any) -> Markup:
    """An attribute value; templates always quote attributes, and quotes are escaped here."""
    return escape(str(value))


_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
_FAMILY = re.compile(r"^[A-Za-z0-9 -]+$")


def css_colour(value: str) -> str:
    """A colour from the theme (validated #rrggbb by the compiler; refused otherwise)."""
    if not _COLOUR.match(value):
        raise ValueError(f"not a colour: {value!r}")
    return value


def css_font(value: str) -> str:
    """A font-family list: each family re-quoted, anything odd dropped."""
    families = []
    for part in value.split(","):
        name = part.strip().strip("'\"").strip()
        if not name or not _FAMILY.match(name):
            continue
        families.append(name if re.match(r"^[a-z-]+$", name) else f'"{name}"')
    return ", ".join([*families, "system-ui", "sans-serif"])


def css_px(value: Any) -> str:
    return f"{int(value)}px"


def register(env: Environment) -> None:
    """The only place filters are registered: templates name the context they write into."""
    env.filters.update({"js": js, "html_text": html_text, "html_attr": html_attr,
                        "css_colour": css_colour, "css_font": css_font, "css_px": css_px})
