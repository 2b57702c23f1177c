"""Runtime behaviour that no example shows on its own: fine-grained updates of a long keyed
list, URLs from data judged the way the browser reads them, form defaults after a submit,
stored values that no longer fit, and no analytics code unless the app asks for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Page, shared_example

pytestmark = pytest.mark.browser

ROWS = 1000

# Every function of the language, and numbers shown the way JavaScript prints them.
FUNCTIONS = [
    ("{{ len(state.items) }} {{ len('abc') }}", "1000 3"),
    ("{{ upper('aB') }} {{ lower('aB') }} [{{ trim('  x  ') }}]", "AB ab [x]"),
    ("{{ str(3) }} {{ number('3.5') + 100 }} {{ 7 / 2 }} {{ 6 / 2 }}", "3 103.5 3.5 3"),
    ("{{ round(2.345, 2) }} {{ round(2.5, 0) }}", "2.35 3"),
    ("{{ contains('abc', 'b') }} {{ contains(state.items, state.items[0]) }}", "true true"),
    ("{{ join(state.tags, '-') }} {{ join(state.tags, ', ') }}", "a-b a, b"),
    ("{{ sum(state.items, 'n') }} {{ len(where(state.items, 'n', 3)) }}", "499500 1"),
    ("{{ len(today()) }} {{ len(now()) > 10 }} [{{ null }}]", "10 true []"),
]

SPEC: dict[str, Any] = {
    "appforge": 1,
    "app": {"name": "Runtime", "id": "com.example.runtime", "nav": ["home", "functions"]},
    "models": {"Item": {"fields": {
        "name": {"type": "string", "required": True},
        "flag": {"type": "boolean", "default": True},
        "prio": {"type": "enum", "values": ["low", "normal", "high"], "default": "normal"},
        "n": {"type": "integer", "default": 0},
    }}},
    "state": {
        "url": {"type": "string", "default": "https://example.com/"},
        "count": {"type": "integer", "default": 5, "persist": True},
        "due_date": {"type": "date", "default": ""},
        "tags": {"type": "list", "of": "string", "default": ["a", "b"]},
        "pic": {"type": "string", "default": "icon.svg"},
        "night_mode": {"type": "boolean", "default": False},
        "items": {"type": "list", "of": "Item", "persist": True,
                  "default": [{"name": f"row {i}", "flag": False, "prio": "low", "n": i}
                              for i in range(ROWS)]},
    },
    "pages": [{"id": "home", "path": "/", "title": "Runtime", "body": [
        {"type": "input", "id": "url-in", "label": "URL", "bind": "state.url"},
        {"type": "input", "id": "bare", "bind": "state.due_date"},
        {"type": "input", "id": "hinted", "bind": "state.url", "placeholder": "Web address"},
        {"type": "switch", "id": "bare-switch", "bind": "state.night_mode"},
        {"type": "link", "id": "out", "label": "Go", "url": "{{ state.url }}"},
        {"type": "text", "id": "count", "text": "{{ state.count }}"},
        {"type": "button", "id": "say", "label": "Say",
         "on_click": [{"action": "toast", "message": "Saved {{ state.count }}"}]},
        {"type": "image", "id": "pic", "src": "{{ state.pic }}", "alt": "Picture",
         "width": 32, "height": 32},
        {"type": "text", "id": "total", "text": "{{ len(state.items) }}"},
        {"type": "form", "id": "f", "model": "Item", "submit_label": "Add",
         "on_submit": [{"action": "append", "target": "state.items",
                        "value": "{{ form.values }}"}]},
        {"type": "list", "id": "items", "items": "{{ state.items }}", "as": "it",
         "key": "{{ it.name }}", "item": [
             {"type": "text", "id": "label", "text": "{{ it.name }}: {{ it.n }}"},
             {"type": "button", "id": "bump", "label": "Bump", "on_click": [
                 {"action": "set", "target": "it.n", "value": "{{ it.n + 1 }}"},
                 {"action": "set", "target": "it.prio", "value": "high"}]},
         ]},
    ]}, {"id": "functions", "path": "/functions", "title": "Functions", "body": [
        {"type": "text", "id": f"fn-{i}", "text": text} for i, (text, _) in enumerate(FUNCTIONS)
    ]}],
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("runtime")
    (root / "appforge.yaml").write_text(yaml.safe_dump(SPEC))
    return root


@pytest.fixture
def app_page(project: Path, build_web: Callable[..., Path], serve: Callable[[Path], str],
             web_page: Page) -> Page:
    web_page.page.goto(serve(build_web(project)))
    web_page.testid("label").nth(ROWS - 1).wait_for()
    return web_page


def test_one_changed_record_touches_one_row(app_page: Page) -> None:
    page = app_page.page
    page.evaluate("""() => {
        window.__touched = new Set(); window.__moved = 0;
        const box = document.querySelector('[data-testid=items] .list-items');
        new MutationObserver(records => records.forEach(r => {
            if (r.target === box) { window.__moved += 1; return; }
            let n = r.target.nodeType === 1 ? r.target : r.target.parentNode;
            while (n && n.parentNode !== box) n = n.parentNode;
            if (n) window.__touched.add(n);
        })).observe(box, {subtree: true, childList: true, characterData: true,
                          attributes: true});
    }""")
    app_page.testid("bump").nth(500).click()
    assert app_page.testid("label").nth(500).text_content() == "row 500: 501"
    assert page.evaluate("window.__touched.size") == 1
    assert page.evaluate("window.__moved") == 0
    app_page.assert_clean()


HOSTILE_URLS = ["javascript:alert(1)", "java\tscript:alert(1)", "\x01javascript:alert(1)",
                " JAVASCRIPT:alert(1)", "vbscript:x", "data:text/html,<script>x</script>"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_unsafe_urls_from_data_are_refused(app_page: Page, url: str) -> None:
    # A text input would drop some of these characters: set the state as data would.
    app_page.page.evaluate("u => AppForge.set('url', u)", url)
    app_page.page.wait_for_function(
        "() => !document.querySelector('[data-testid=out]').hasAttribute('href')")
    assert app_page.page.evaluate("u => AppForge.safeUrl(u, ['http', 'https'])", url) is None
    app_page.testid("url-in").fill("https://example.org/ok")
    assert app_page.testid("out").get_attribute("href") == "https://example.org/ok"
    app_page.assert_clean()


def test_form_comes_back_with_its_defaults_after_a_submit(app_page: Page) -> None:
    t = app_page.testid
    for name in ("first", "second"):
        assert t("f-flag").is_checked() and t("f-prio").input_value() == "normal"
        assert t("f-n").input_value() == "0"
        t("f-name").fill(name)
        t("f-submit").click()
        app_page.page.wait_for_function("() => !document.querySelector('[data-testid=f-name]')"
                                        ".value")
    added = app_page.page.evaluate("AppForge.g('items').slice(-2)")
    assert added == [{"name": n, "flag": True, "prio": "normal", "n": 0}
                     for n in ("first", "second")]
    app_page.assert_clean()


def test_a_stored_value_that_no_longer_fits_gives_the_default(app_page: Page) -> None:
    page = app_page.page
    page.evaluate("""() => {
        localStorage.setItem('appforge:com.example.runtime:count', '"five"');
        localStorage.setItem('appforge:com.example.runtime:items', '[{"name": 5}]');
    }""")
    page.reload()
    assert app_page.testid("count").text_content() == "5"
    assert app_page.testid("total").text_content() == str(ROWS)
    page.evaluate("localStorage.setItem('appforge:com.example.runtime:count', '{not json')")
    page.reload()
    assert app_page.testid("count").text_content() == "5"
    page.evaluate("localStorage.setItem('appforge:com.example.runtime:count', '7')")
    page.reload()
    assert app_page.testid("count").text_content() == "7"
    app_page.assert_clean()


def test_no_analytics_code_unless_configured(project: Path,
                                             build_web: Callable[..., Path]) -> None:
    web = build_web(project)
    assert "sendBeacon" not in next(web.glob("app.*.js")).read_text()
    assert "collector" not in (web / "index.html").read_text()


def test_controls_without_a_label_still_have_a_name(app_page: Page) -> None:
    page = app_page.page
    assert page.get_by_role("textbox", name="Due date", exact=True).get_attribute(
        "data-testid") == "bare"
    assert page.get_by_role("textbox", name="Web address").get_attribute(
        "data-testid") == "hinted"
    assert page.get_by_role("switch", name="Night mode").get_attribute(
        "data-testid") == "bare-switch"
    assert page.get_by_role("textbox", name="URL", exact=True).get_attribute(
        "data-testid") == "url-in"
    app_page.assert_clean()


def test_every_function_and_number_shows_as_javascript_prints_it(app_page: Page) -> None:
    app_page.page.goto(app_page.page.url.split("#")[0] + "#/functions")
    for i, (_, expected) in enumerate(FUNCTIONS):
        assert app_page.testid(f"fn-{i}").text_content() == expected, FUNCTIONS[i][0]
    app_page.assert_clean()


def test_an_image_from_plain_http_is_no_csp_violation(app_page: Page, tmp_path: Path,
                                                      serve: Callable[[Path], str]) -> None:
    (tmp_path / "pixel.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="3" '
                                        'height="2"/>')
    url = serve(tmp_path) + "pixel.svg"
    app_page.page.evaluate("u => AppForge.set('pic', u)", url)
    app_page.page.wait_for_function(
        "() => document.querySelector('[data-testid=pic]').naturalWidth === 3")
    app_page.assert_clean()


def test_apps_without_such_images_do_not_allow_http_images(
        build_web: Callable[..., Path]) -> None:
    html = (build_web(shared_example("todo")) / "index.html").read_text()
    assert "img-src &#39;self&#39; https:;" in html


def test_a_new_page_starts_at_the_top_and_back_returns_to_the_place(app_page: Page) -> None:
    page = app_page.page
    page.set_viewport_size({"width": 800, "height": 600})
    row = app_page.testid("label").nth(600)
    row.scroll_into_view_if_needed()
    top = "el => Math.round(el.getBoundingClientRect().top)"
    # Leave from down there, as a navigate action does.
    where = row.evaluate(top + " + (location.hash = '#/functions', 0)")
    page.wait_for_function("() => document.title === 'Functions'")
    assert page.evaluate("window.scrollY") == 0
    page.go_back()
    page.wait_for_function("() => document.title === 'Runtime'")
    # The same row is where it was.
    page.wait_for_function(f"() => Math.abs(({top})(document.querySelectorAll("
                           f"'[data-testid=label]')[600]) - {where}) <= 2")
    assert page.evaluate("window.scrollY") > 1000
    app_page.assert_clean()


def test_dark_palette_when_the_system_prefers_dark(app_page: Page) -> None:
    page = app_page.page
    background = "() => getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    page.emulate_media(color_scheme="dark")
    assert page.evaluate(background) == "rgb(11, 16, 32)"  # the default dark #0b1020


def test_keyed_list_follows_swaps_removals_clears_and_repeated_keys(app_page: Page) -> None:
    page = app_page.page
    labels = "() => Array.from(document.querySelectorAll('[data-testid=label]'), e => e.textContent)"
    expected = "() => AppForge.g('items').map(r => r.name + ': ' + r.n)"
    steps = [
        "l => { l = l.slice(); const a = l[1]; l[1] = l[998]; l[998] = a; return l; }",
        "l => l.filter((r, i) => i !== 500)",
        "l => l.slice().reverse()",
        "l => [l[3], ...l.slice(10, 20), l[0]]",
        "l => []",
        "l => [1, 2, 3].map(n => ({name: 'same key', flag: false, prio: 'low', n: n}))",
        "l => [l[2], l[0]]",
        "l => [{name: 'new', flag: false, prio: 'low', n: 1}]",
    ]
    for step in steps:
        page.evaluate(f"AppForge.set('items', ({step})(AppForge.g('items')))")
        page.wait_for_function(f"() => JSON.stringify(({labels})()) === "
                               f"JSON.stringify(({expected})())")
    assert app_page.testid("items-item").count() == 1
    app_page.assert_clean()


def test_keyed_list_follows_random_edits(app_page: Page) -> None:
    """Random edits (moves, swaps, inserts, removals, changed records, repeated keys, several
    at once) from a seeded generator: after each, the rows show the records in order."""
    page = app_page.page
    ok = page.evaluate("""async () => {
        let seed = 7;
        const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
        const labels = () => Array.from(document.querySelectorAll('[data-testid=label]'),
                                        e => e.textContent).join('|');
        const want = () => AppForge.g('items').map(r => r.name + ': ' + r.n).join('|');
        let fresh = 0;
        const make = () => ({name: 'new ' + (fresh++ % 7), flag: false, prio: 'low', n: fresh});
        AppForge.set('items', AppForge.g('items').slice(0, 30));
        for (let step = 0; step < 300; step++) {
            let l = AppForge.g('items').slice();
            for (let edit = rnd(3); edit >= 0; edit--) {
            const kind = rnd(8);
            if (kind === 0 && l.length > 1) { const a = rnd(l.length), b = rnd(l.length);
                const t = l[a]; l[a] = l[b]; l[b] = t; }
            else if (kind === 1) l.splice(rnd(l.length + 1), 0, make(), make());
            else if (kind === 2 && l.length) l.splice(rnd(l.length), 1 + rnd(3));
            else if (kind === 3 && l.length) { const i = rnd(l.length);
                l[i] = Object.assign({}, l[i], {n: l[i].n + 1}); }
            else if (kind === 4) l.reverse();
            else if (kind === 5 && l.length > 2) { const [x] = l.splice(rnd(l.length), 1);
                l.splice(rnd(l.length + 1), 0, x); }
            else if (kind === 6 && l.length < 5) l = l.concat(Array.from({length: 8}, make));
            else if (kind === 7 && l.length > 3) { const t = l[0]; l[0] = l[l.length - 1];
                l[l.length - 1] = t; l.splice(1 + rnd(l.length - 2), 0, make()); }
            else if (l.length > 40) l = [];
            }
            AppForge.set('items', l);
            await new Promise(r => setTimeout(r, 0));
            if (labels() !== want()) return step + ': ' + labels() + ' != ' + want();
        }
        return 'ok';
    }""")
    assert ok == "ok"
    app_page.assert_clean()


def test_a_double_submit_runs_on_submit_once(app_page: Page) -> None:
    app_page.testid("f-name").fill("once")
    app_page.page.evaluate("() => { const f = document.querySelector('form');"
                           " f.requestSubmit(); f.requestSubmit(); }")
    app_page.page.wait_for_function("() => !document.querySelector('form[aria-busy]')")
    names = app_page.page.evaluate("AppForge.g('items').map(r => r.name)")
    assert names.count("once") == 1
    app_page.assert_clean()


def test_quick_clicks_each_count(app_page: Page) -> None:
    bump = app_page.testid("bump").nth(0)
    for _ in range(5):
        bump.click()
    assert app_page.testid("label").nth(0).text_content() == "row 0: 5"
    # Two clicks in one task: the first list is still running, the second is ignored.
    bump.evaluate("b => { b.click(); b.click(); }")
    app_page.page.wait_for_timeout(50)
    assert app_page.testid("label").nth(0).text_content() == "row 0: 6"
    app_page.assert_clean()


def test_a_toast_stays_at_least_two_seconds_then_goes(app_page: Page) -> None:
    page = app_page.page
    app_page.testid("say").click()
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_timeout(2000)
    assert status.text_content() == "Saved 5"
    page.wait_for_function("() => document.querySelector('[role=status]').textContent === ''",
                           timeout=3000)
    app_page.assert_clean()
