"""Names that are not plain keys in JavaScript ("__proto__", "constructor", "toString",
"hasOwnProperty", "prototype", "valueOf") work as page ids (the start page too), state keys,
model fields, source names and route parameters: the web app finds the page, keeps the
default, follows typing; a name no page has is "not found" even when every object inherits
it. tests/mobile/test_js_names_mobile.py type-checks the same app's mobile project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from appforge.pipeline import build
from tests.conftest import Page

NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "valueOf"]

SPEC = """appforge: 1
app:
  name: Names
  id: com.example.names
  start: __proto__
  nav: [__proto__, constructor, toString, hasOwnProperty]
models:
  Item:
    fields:
      __proto__: {type: string, label: Proto, default: "p"}
      constructor: {type: string, label: Ctor}
      toString: {type: string, label: Ts}
state:
  __proto__: {type: string, default: "kept"}
  constructor: {type: string, default: "c"}
  toString: {type: integer, default: 3}
  hasOwnProperty: {type: boolean, default: true}
  prototype: {type: list, of: Item, default: [{__proto__: "a", constructor: "b", toString: "c"}]}
data:
  valueOf: {kind: static, value: [{__proto__: "s", constructor: "t", toString: "u"}], into: state.prototype}
pages:
  - id: __proto__
    body:
      - {type: text, id: v, text: "{{ state.__proto__ }}|{{ state.constructor }}|{{ state.toString }}|{{ state.hasOwnProperty }}"}
      - {type: input, id: typed, bind: state.__proto__}
      - {type: input, id: typed2, bind: state.constructor}
      - {type: list, id: l, items: "{{ state.prototype }}", as: row, item: [{type: text, id: r, text: "{{ row.__proto__ }}-{{ row.constructor }}-{{ row.toString }}"}]}
      - {type: link, id: go, label: go, to: prototype, params: {__proto__: "x1", constructor: 7}}
  - id: constructor
    body:
      - {type: form, id: f, model: Item, on_submit: [{action: append, target: state.prototype, value: "{{ form.values }}"}]}
  - id: toString
    body: [{type: text, id: ts, text: "to string page"}]
  - id: hasOwnProperty
    body: [{type: text, id: ho, text: "hop"}]
  - id: prototype
    path: "/p/:__proto__/:constructor"
    params: {__proto__: string, constructor: integer}
    body:
      - {type: text, id: pp, text: "{{ params.__proto__ }}/{{ params.constructor }}"}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names")
    (root / "appforge.yaml").write_text(SPEC)
    return root


@pytest.fixture(scope="module")
def web(project: Path) -> Path:
    result = build(project, ["web"], project / "build")
    assert result.ok, [str(d) for d in result.diagnostics]
    return project / "build" / "web"


def test_object_literals_never_use_a_plain_proto_key(web: Path) -> None:
    code = next(web.glob("app.*.js")).read_text()
    # `{"__proto__": x}` would set the prototype; `{["__proto__"]: x}` makes a property.
    assert '"__proto__":' not in code.replace('["__proto__"]:', "")
    assert code.count('["__proto__"]:') >= 5


@pytest.mark.browser
def test_the_web_app_works_with_these_names(web: Path, serve: Callable[[Path], str],
                                           web_page: Page) -> None:
    page = web_page.page
    base = serve(web)
    page.goto(base)
    t = web_page.testid
    # The start page "__proto__" is found and every default is kept.
    assert t("v").text_content() == "kept|c|3|true"
    # The static source "valueOf" filled the list: fields named like Object's own members.
    assert t("r").all_text_contents() == ["s-t-u"]
    # Typing into state keys named "__proto__" and "constructor".
    t("typed").fill("typed <b>")
    t("typed2").fill("ctor")
    assert t("v").text_content() == "typed <b>|ctor|3|true"
    # Route parameters "__proto__" and "constructor" reach the page.
    t("go").click()
    assert t("pp").text_content() == "x1/7"
    assert page.url.endswith("#/p/x1/7")
    # A form over a model whose fields are "__proto__", "constructor", "toString".
    t("nav-constructor").click()
    t("f-__proto__").fill("P")
    t("f-constructor").fill("C")
    t("f-toString").fill("T")
    page.get_by_role("button", name="Submit").click()
    t("nav-__proto__").click()
    assert t("r").all_text_contents() == ["s-t-u", "P-C-T"]
    # The state typed before is still there.
    assert t("v").text_content() == "typed <b>|ctor|3|true"
    for name, marker in (("toString", "ts"), ("hasOwnProperty", "ho")):
        t(f"nav-{name}").click()
        t(marker).wait_for()
    # Names every object inherits are not pages of this app.
    for name in ("valueOf", "isPrototypeOf", "__defineGetter__", "p/x/notanumber"):
        page.goto(f"{base}#/{name}")
        t("not-found").wait_for()
    web_page.assert_clean()
