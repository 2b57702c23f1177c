"""The XSS catalogue: hostile text in every text-bearing key, in state defaults, in REST replies
and in typed input runs nothing and shows as exactly itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge.pipeline import build, check_project
from tests.conftest import Api, Page, split_app_js

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload=window.__pwned=3>',
    "'; window.__pwned = 4; '",
    "</script><script>window.__pwned = 5</script>",
    "javascript:window.__pwned=6",
    "`${window.__pwned = 7}`",
    "red;}</style><style>body{display:none}",
    "{% if true %}jinja{% endif %} ${x} #{x} <%= x %>",
    "line\u2028separator\u2029paragraph",
    "<!-- --> ]]> &amp; &lt;b&gt;",
]


def _spec(api_url: str) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    for i, payload in enumerate(PAYLOADS):
        body += [
            {"type": "heading", "id": f"h{i}", "text": payload},
            {"type": "text", "id": f"t{i}", "text": payload},
            {"type": "button", "id": f"b{i}", "label": payload,
             "on_click": [{"action": "toast", "message": payload}]},
            {"type": "link", "id": f"l{i}", "label": payload, "to": "home"},
            {"type": "card", "id": f"c{i}", "title": payload, "children": [
                {"type": "image", "id": f"i{i}", "src": "https://example.com/x.png",
                 "alt": payload}]},
        ]
    body += [
        {"type": "text", "id": "default", "text": "{{ state.stored }}"},
        {"type": "input", "id": "typed", "label": PAYLOADS[0], "placeholder": PAYLOADS[1],
         "bind": "state.draft"},
        {"type": "text", "id": "echo", "text": "{{ state.draft }}"},
        {"type": "select", "id": "pick", "label": PAYLOADS[2], "bind": "state.choice",
         "options": [{"label": p, "value": p} for p in PAYLOADS[:4]]},
        {"type": "list", "id": "replies", "items": "{{ state.rows }}", "as": "row",
         "empty": PAYLOADS[3],
         "item": [{"type": "text", "id": "reply", "text": "{{ row.text }}"}]},
        {"type": "table", "id": "grid", "items": "{{ state.rows }}", "as": "r",
         "columns": [{"label": PAYLOADS[4], "value": "{{ r.text }}"}]},
    ]
    return {
        "appforge": 1,
        "app": {"name": PAYLOADS[0], "id": "com.example.hostile", "description": PAYLOADS[1],
                "env": {"API_URL": {"default": api_url}}},
        "models": {"Row": {"fields": {"text": {"type": "string", "label": PAYLOADS[5]}}}},
        "state": {"stored": {"type": "string", "default": "{{ state.stored }} <b>x</b>"},
                  "draft": {"type": "string"}, "choice": {"type": "string"},
                  "rows": {"type": "list", "of": "Row", "default": []}},
        "data": {"rows": {"kind": "rest", "url": "{{ env.API_URL }}/rows", "select": "rows",
                          "into": "state.rows", "auto": True}},
        "pages": [
            {"id": "home", "path": "/", "title": PAYLOADS[1], "body": body},
            {"id": "form", "body": [{"type": "form", "id": "f", "model": "Row",
                                     "submit_label": PAYLOADS[6]}]},
        ],
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Api]:
    api = Api()
    api.routes[("GET", "/rows")] = (200, {"rows": [{"text": p} for p in PAYLOADS]})
    project = tmp_path_factory.mktemp("hostile")
    (project / "appforge.yaml").write_text(yaml.safe_dump(_spec(api.url), allow_unicode=True))
    result = build(project, ["web"], project / "build")
    assert result.ok, [str(d) for d in result.diagnostics]
    return project / "build" / "web", api


# A 1x1 PNG, served for the images' https URLs (no test reaches the internet).
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000005000157e9cbc90000000049454e44ae426082")


def _offline(page: Page) -> None:
    page.page.route("https://example.com/**",
                    lambda route: route.fulfill(status=200, body=PIXEL, content_type="image/png"))


def _assert_nothing_ran(page: Page) -> None:
    assert page.page.evaluate("window.__pwned") is None
    page.assert_clean()


def test_spec_text_shows_as_itself(hostile: tuple[Path, Api], serve: Callable[[Path], str],
                                   web_page: Page) -> None:
    web, _ = hostile
    _offline(web_page)
    web_page.page.goto(serve(web))
    page = web_page.page
    for i, payload in enumerate(PAYLOADS):
        for kind in ("h", "t", "b", "l"):
            assert page.get_by_test_id(f"{kind}{i}").text_content() == payload
        assert page.get_by_test_id(f"i{i}").get_attribute("alt") == payload
    assert page.title() == PAYLOADS[1]
    # A state default is literal data: its {{ }} is text.
    assert page.get_by_test_id("default").text_content() == "{{ state.stored }} <b>x</b>"
    assert page.get_by_test_id("typed").get_attribute("placeholder") == PAYLOADS[1]
    page.get_by_test_id("b0").click()
    assert PAYLOADS[0] in page.get_by_role("status").text_content()
    _assert_nothing_ran(web_page)


def test_fetched_and_typed_text_shows_as_itself(hostile: tuple[Path, Api],
                                                serve: Callable[[Path], str],
                                                web_page: Page) -> None:
    web, _ = hostile
    _offline(web_page)
    web_page.page.goto(serve(web))
    page = web_page.page
    page.get_by_test_id("reply").first.wait_for()
    assert page.get_by_test_id("reply").all_text_contents() == PAYLOADS
    assert page.locator("[data-testid=grid] tbody td").all_text_contents() == PAYLOADS
    for payload in PAYLOADS:
        page.get_by_test_id("typed").fill(payload)
        assert page.get_by_test_id("echo").text_content() == payload
    page.goto(page.url.split("#")[0] + "#/form")
    page.get_by_test_id("f-text").fill(PAYLOADS[0])
    _assert_nothing_ran(web_page)


def test_generated_files_keep_payloads_out_of_code(hostile: tuple[Path, Api]) -> None:
    web, _ = hostile
    html = (web / "index.html").read_text()
    # Every payload is escaped in the page shell: no tag or attribute of its own survives.
    assert "<script>window" not in html and "<img src=x" not in html
    assert '"><svg' not in html and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    _, app_js = split_app_js(next(web.glob("app.*.js")).read_text())
    assert "</script>" not in app_js and "\u2028" not in app_js and "<" not in app_js
    manifest = json.loads((web / "manifest.webmanifest").read_text())
    assert manifest["name"] == PAYLOADS[0]


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x"])
def test_unsafe_urls_are_compile_errors(tmp_path: Path, url: str) -> None:
    spec = {"appforge": 1, "app": {"name": "x", "id": "com.example.x"},
            "pages": [{"id": "home", "body": [{"type": "link", "label": "x", "url": url}]}]}
    (tmp_path / "appforge.yaml").write_text(yaml.safe_dump(spec))
    assert {d.code for d in check_project(tmp_path).diagnostics} == {"E0409"}
