"""Control characters in spec text never reach a generated file raw: index.html writes them
as references (U+FFFD where HTML cannot give them back), JSON files and JS/TS literals as \\u
escapes; every file still parses and JSON gives back exactly the text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge.pipeline import build
from tests.conftest import Page

CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85",
            "\x9b", "\x9f", "\u2028", "\u2029", "\ufdd0", "\ufffe", "\uffff"]
# Never raw in any generated file.
FORBIDDEN = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                              *range(0x7F, 0xA0)]} | {"\ufdd0", "\ufffe", "\uffff"}
# Also never raw in JavaScript, TypeScript or JSON (line terminators in older JavaScript).
FORBIDDEN_IN_CODE = FORBIDDEN | {"\u2028", "\u2029"}


def _spec(text: str) -> dict[str, Any]:
    return {
        "appforge": 1,
        "app": {"name": text, "id": "com.example.ctl", "description": text},
        "models": {"Row": {"fields": {"note": {"type": "string", "label": text}}}},
        "state": {"draft": {"type": "string", "default": text},
                  "rows": {"type": "list", "of": "Row", "default": [{"note": text}]}},
        "data": {"fixed": {"kind": "static", "value": [{"note": text}], "into": "state.rows"}},
        "pages": [
            {"id": "home", "title": text, "body": [
                {"type": "heading", "id": "h", "text": text},
                {"type": "text", "id": "t", "text": text},
                {"type": "button", "id": "b", "label": text,
                 "on_click": [{"action": "toast", "message": text}]},
                {"type": "input", "id": "i", "label": text, "placeholder": text,
                 "bind": "state.draft"},
                {"type": "select", "id": "s", "label": text, "bind": "state.draft",
                 "options": [{"label": text, "value": text}]},
                {"type": "card", "id": "c", "title": text, "children": [
                    {"type": "image", "id": "img", "src": "https://example.com/x.png",
                     "alt": text}]},
                {"type": "list", "id": "l", "items": "{{ state.rows }}", "as": "row",
                 "empty": text, "item": [{"type": "text", "id": "n", "text": "{{ row.note }}"}]},
                {"type": "table", "id": "g", "items": "{{ state.rows }}", "as": "r",
                 "columns": [{"label": text, "value": "{{ r.note }}"}]},
            ]},
            {"id": "form", "title": text, "body": [
                {"type": "form", "id": "f", "model": "Row", "submit_label": text}]},
        ],
    }


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_no_control_character_reaches_a_generated_file_raw(tmp_path: Path, char: str) -> None:
    text = f"X{char}Y"
    project = tmp_path / "p"
    project.mkdir()
    (project / "appforge.yaml").write_text(yaml.safe_dump(_spec(text), allow_unicode=False))
    result = build(project, ["web", "mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    for path in sorted((tmp_path / "out").rglob("*")):
        if not path.is_file():
            continue
        content = path.read_bytes().decode("utf-8")  # never a lone surrogate either
        forbidden = FORBIDDEN_IN_CODE if path.suffix in (
            ".js", ".ts", ".tsx", ".json", ".webmanifest") else FORBIDDEN
        raw = sorted({f"U+{ord(c):04X}" for c in content if c in forbidden})
        assert raw == [], f"{path.relative_to(tmp_path)} holds {raw}"
    web, mobile = tmp_path / "out" / "web", tmp_path / "out" / "mobile"
    manifest = json.loads((web / "manifest.webmanifest").read_text())
    assert manifest["name"] == text and manifest["description"] == text
    expo = json.loads((mobile / "app.json").read_text())["expo"]
    assert expo["name"] == text
    # index.html: a reference to the character, which a browser decodes back to it; NUL and
    # C1 controls as U+FFFD, what the browser makes of them in any form.
    code = ord(char)
    expected = "&#xfffd;" if code == 0 or 0x80 <= code <= 0x9F else \
        char if char in "\u2028\u2029" else f"&#x{code:x};"
    html = (web / "index.html").read_text()
    assert f"<title>X{expected}Y</title>" in html
    assert f'name="description" content="X{expected}Y"' in html


@pytest.mark.browser
def test_control_characters_show_as_themselves_in_chromium(
        tmp_path: Path, serve: Callable[[Path], str], web_page: Page) -> None:
    project = tmp_path / "p"
    project.mkdir()
    spec = _spec("plain")
    spec["pages"][0]["body"] = [{"type": "heading", "id": f"h{n}", "text": f"X{c}Y"}
                                for n, c in enumerate(CONTROLS)]
    (project / "appforge.yaml").write_text(yaml.safe_dump(spec, allow_unicode=False))
    result = build(project, ["web"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    web_page.page.goto(serve(tmp_path / "out" / "web"))
    for n, char in enumerate(CONTROLS):
        shown = web_page.testid(f"h{n}").evaluate("el => el.textContent")
        assert shown == f"X{char}Y", (n, shown)
    web_page.assert_clean()
