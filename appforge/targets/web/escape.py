"""Escaping for each language spec text can land in: one function per context, registered as
Jinja filters in one place (:func:`register`). Spec text is only ever data to these functions;
it is never part of a template."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:  # the checker imports this module: it should not load Jinja
    from jinja2 import Environment

_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
              "\u2029": "\\u2029"}


# A "__proto__" key in an object literal sets the object's prototype instead of making a
# property; written as a computed key, ["__proto__"], it is a property like any other. In
# json.dumps' output an unescaped quote always delimits a string, so a "__proto__" string that
# follows "{", "," or a space and is followed by ":" is a key.
_PROTO_KEY = re.compile(r'(?<=[{,\s])"__proto__"(?=:)')


def js(value: Any) -> str:
    """A JavaScript (and TypeScript) literal for JSON-like data: strings double-quoted and
    escaped, with `<`, `>` and `&` escaped too so the text can never close a script element or
    start a comment, U+2028/2029 escaped (line terminators in older JavaScript), and a
    "__proto__" key written as a computed key (see :func:`js_key`)."""
    text = _JSON.encode(value)
    if "<" in text or ">" in text or "&" in text or "\u2028" in text or "\u2029" in text:
        text = _UNSAFE.sub(lambda m: _JS_UNSAFE[m.group()], text)
    return _PROTO_KEY.sub('["__proto__"]', text) if '"__proto__"' in text else text


# json.dumps(value, ensure_ascii=True, sort_keys=True, allow_nan=False) makes this encoder
# anew on every call; js() runs for every literal of every page.
_JSON = json.JSONEncoder(ensure_ascii=True, sort_keys=True, allow_nan=False)
_UNSAFE = re.compile("[<>&\u2028\u2029]")


def js_key(name: str) -> str:
    """A property name in a JavaScript or TypeScript object literal that generated code builds
    itself (``{<key>: <code>}``): a quoted string, or ``["__proto__"]``, which a plain
    ``"__proto__":`` would not make a property."""
    return '["__proto__"]' if name == "__proto__" else js(name)


# Characters HTML may not carry as they are (control characters other than tab, LF and CR;
# lone surrogates, which UTF-8 cannot even encode; noncharacters). Those written as a reference
# to themselves; NUL, C1 controls and surrogates as U+FFFD, because a reference to them does
# not give them back (&#0; is U+FFFD, &#x80; is the euro sign).
_HTML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                          "\ufdd0-\ufdef\ufffe\uffff]")


def _html_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0 or 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return "&#xfffd;"
    return f"&#x{code:x};"


def html_text(value: Any) -> Markup:
    return Markup(_HTML_UNSAFE.sub(_html_char, str(escape(str(value)))))


def html_attr(value: Any) -> Markup:
    """An attribute value; templates always quote attributes, and quotes are escaped here."""
    return html_text(value)


# What a JSON document (the web manifest, Expo's app.json) keeps readable (non-ASCII text as
# it is) but never holds raw: DEL and C1 controls, U+2028/2029, lone surrogates and
# noncharacters, written as \u escapes (json.dumps already escapes the C0 controls).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def json_document(value: Any, sort_keys: bool = True) -> str:
    """A JSON file for data with spec text in it: indented, UTF-8 text."""
    text = json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=False,
                      allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


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
    env.filters.update({"js": js, "js_key": js_key, "html_text": html_text, "html_attr": html_attr,
                        "json_document": json_document,
                        "css_colour": css_colour, "css_font": css_font, "css_px": css_px})
