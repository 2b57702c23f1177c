"""The mobile app's navigation as Expo apps do it (docs/mobile-navigation.md): app.nav pages as
bottom tabs with icons, each tab a native stack of its page, the other pages on a root native
stack, deep links from page paths, toasts above the tab bar. Checked on the generated code, in
the web export driven in Chromium (the address bar, reload, back and forward, the tab bar's
place) and under jest with @testing-library/react-native (native behaviour)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge.checker.icons import icon_names
from appforge.journeys.browser import StaticServer
from appforge.journeys.mobile import export_web
from appforge.pipeline import compile_project
from appforge.targets import RenderOptions, get_target
from tests.conftest import Page
from tests.mobile.test_mobile import _build

HERE = Path(__file__).parent

# A tab app: home (a button that raises a toast, links to items) and about as tabs with icons,
# an item page with an integer param pushed over them, and a page with a text param.
SPEC: dict[str, Any] = {
    "appforge": 1,
    "app": {"name": "Shelf", "id": "com.example.my_shelf", "nav": ["home", "about"]},
    "pages": [
        {"id": "home", "path": "/", "title": "Shelf", "icon": "home-outline", "body": [
            {"type": "text", "id": "home-text", "text": "All items"},
            {"type": "button", "id": "hello", "label": "Say hello",
             "on_click": [{"action": "toast", "message": "Hello there"}]},
            {"type": "link", "id": "open-3", "label": "Item 3", "to": "item",
             "params": {"id": 3}},
            {"type": "link", "id": "open-tag", "label": "Tag", "to": "tag",
             "params": {"name": "red wine"}}]},
        {"id": "about", "path": "/about", "title": "About", "icon": "information-circle",
         "body": [{"type": "text", "id": "about-text", "text": "About this shelf"},
                  {"type": "link", "id": "about-item", "label": "Item 5", "to": "item",
                   "params": {"id": 5}}]},
        {"id": "item", "path": "/items/:id", "title": "Item {{ params.id }}",
         "params": {"id": "integer"}, "body": [
             {"type": "text", "id": "item-text", "text": "Item number {{ params.id + 1 }}"},
             {"type": "link", "id": "item-home", "label": "Back to the shelf", "to": "home"}]},
        {"id": "tag", "path": "/tags/:name", "title": "Tag", "params": {"name": "string"},
         "body": [{"type": "text", "id": "tag-text", "text": "Tagged {{ params.name }}"}]},
    ],
}


def _project(root: Path, spec: dict[str, Any] = SPEC) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "appforge.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return root


def _render(tmp_path: Path, spec: dict[str, Any] = SPEC) -> dict[str, str]:
    app, diagnostics = compile_project(_project(tmp_path / "p", spec))
    assert app is not None, [str(d) for d in diagnostics]
    files = get_target("mobile").render(app, RenderOptions())
    return {name: data.decode() for name, data in files.items() if name.endswith((".ts", ".tsx",
                                                                                 ".json"))}


# ---- generated code -----------------------------------------------------------------------


def test_tabs_stacks_and_linking_come_from_the_spec(tmp_path: Path) -> None:
    files = _render(tmp_path)
    app = files["App.tsx"]
    # The tabs are the root stack's first screen, with their header hidden; each tab is a
    # native stack of its page; the other pages are root stack screens, registered once.
    assert '<Root.Screen name={"(tabs)"} component={TabsNavigator}' in app
    assert "options={{ headerShown: false }}" in app
    assert '<HomeStack.Screen name={"home"} component={HomeScreen}' in app
    assert '<Root.Screen name={"item"} component={ItemScreen}' in app
    assert app.count("component={ItemScreen}") == 1 and app.count("component={HomeScreen}") == 1
    assert "TabBar" not in app + files["src/components/index.ts"]
    # Icons: the page's, filled when its tab is selected ("information-circle" has no outline
    # form, so it stays).
    assert 'name={focused ? "home" : "home-outline"}' in app
    assert 'name={focused ? "information-circle" : "information-circle"}' in app
    assert 'tabBarButtonTestID: "nav-about"' in app
    # Deep links: the web target's paths, integer params parsed back, the scheme from app.id.
    assert '"item": {\n        path: "items/:id",\n        parse: { "id": parseParam.integer },' \
        in app
    assert '"tag": "tags/:name",' in app
    assert '"home-tab": { screens: { "home": "" } },' in app
    assert 'prefixes: ["com.example.my-shelf://"],' in app
    assert json.loads(files["app.json"])["expo"]["scheme"] == "com.example.my-shelf"
    navigation = files["src/navigation.ts"]
    assert '"(tabs)": NavigatorScreenParams<TabParamList>;' in navigation
    assert '"item": { "id": number };' in navigation
    assert '"home-tab": NavigatorScreenParams<HomeTabParamList> | undefined;' in navigation
    assert "export default function ItemScreen({ navigation, route }: PageProps[\"item\"])" \
        in files["src/screens/ItemScreen.tsx"]


def test_without_nav_one_native_stack(tmp_path: Path) -> None:
    spec = {**SPEC, "app": {**SPEC["app"], "nav": []}}
    app = _render(tmp_path, spec)["App.tsx"]
    assert "createBottomTabNavigator" not in app and "Ionicons" not in app
    assert '<Root.Navigator initialRouteName={"home"}>' in app
    assert app.count("<Root.Screen ") == 4


def test_a_start_page_that_is_not_a_tab_opens_first(tmp_path: Path) -> None:
    welcome = {"id": "welcome", "title": "Welcome", "body": [
        {"type": "link", "id": "go", "label": "Go", "to": "home"}]}
    spec = {**SPEC, "app": {**SPEC["app"], "start": "welcome"},
            "pages": [*SPEC["pages"], welcome]}
    app = _render(tmp_path, spec)["App.tsx"]
    assert '<Root.Navigator initialRouteName={"welcome"}>' in app
    # A link still opens a page over the tabs.
    assert 'initialRouteName: "(tabs)",' in app


def test_a_default_icon_for_a_tab_without_one(tmp_path: Path) -> None:
    spec = {**SPEC, "pages": [{k: v for k, v in p.items() if k != "icon"}
                              for p in SPEC["pages"]]}
    app = _render(tmp_path, spec)["App.tsx"]
    assert app.count('name={focused ? "document" : "document-outline"}') == 2


def test_an_unknown_icon_is_located_with_a_suggestion(tmp_path: Path) -> None:
    spec = {**SPEC, "pages": [{**SPEC["pages"][0], "icon": "home-outlin"}, *SPEC["pages"][1:]]}
    app, diagnostics = compile_project(_project(tmp_path / "p", spec))
    assert app is None
    [diag] = [d for d in diagnostics if d.code == "E0212"]
    assert diag.message == "unknown icon 'home-outlin'"
    assert diag.hint == "did you mean 'home-outline'?"
    line = (tmp_path / "p" / "appforge.yaml").read_text().splitlines()[diag.span.line - 1]
    assert "icon: home-outlin" in line


@pytest.mark.npm
def test_the_shipped_icon_names_are_the_installed_glyph_map(node_modules: Path) -> None:
    glyphs = json.loads((node_modules / "@expo" / "vector-icons" / "build" / "vendor" /
                         "react-native-vector-icons" / "glyphmaps" / "Ionicons.json")
                        .read_text())
    assert icon_names() == frozenset(glyphs)


# ---- the web export in Chromium --------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, node_modules: Path) -> Iterator[str]:
    base = tmp_path_factory.mktemp("nav")
    mobile = _build(_project(base / "p"), base / "out", node_modules)
    folder = export_web(mobile, base / "web")
    server = StaticServer(folder)  # what `appforge test` serves with: index.html for paths
    yield server.url
    server.close()


def _visible(page: Any, test_id: str) -> Any:
    # The native stack keeps screens below the top one, under aria-hidden; hidden tabs are
    # display: none.
    return page.locator(f'[data-testid="{test_id}"]:not([aria-hidden="true"] *)').first


def _back_buttons(page: Any) -> int:
    # React Navigation's header back button: "Go back", or "<previous title>, back".
    count: int = page.locator('[aria-label$="back" i]:not([aria-hidden="true"] *)') \
        .filter(visible=True).count()
    return count


@pytest.mark.npm
@pytest.mark.browser
def test_tabs_urls_reload_back_and_forward_in_the_export(exported: str, web_page: Page) -> None:
    from playwright.sync_api import expect

    page = web_page.page

    base = exported.rstrip("/")
    page.goto(exported)
    expect(_visible(page, "home-text")).to_be_visible()
    assert _back_buttons(page) == 0  # a tab's root has no back arrow
    # A tab press shows the tab's root, and the address follows.
    page.get_by_test_id("nav-about").click()
    expect(_visible(page, "about-text")).to_be_visible()
    expect(page).to_have_url(f"{base}/about")
    expect(page).to_have_title("About")
    assert _back_buttons(page) == 0
    # Pressing the current tab keeps its root.
    page.get_by_test_id("nav-about").click()
    expect(_visible(page, "about-text")).to_be_visible()
    expect(page).to_have_url(f"{base}/about")
    # A page that is not a tab is pushed over the tabs, with a back arrow and its params in
    # the address; a reload keeps it, its param parsed back to a number (5 + 1 = 6).
    _visible(page, "about-item").click()
    expect(_visible(page, "item-text")).to_have_text("Item number 6")
    expect(page).to_have_url(f"{base}/items/5")
    assert _back_buttons(page) == 1
    page.reload()
    expect(_visible(page, "item-text")).to_have_text("Item number 6")
    expect(page).to_have_url(f"{base}/items/5")
    # The browser's back and forward walk the pages seen.
    page.go_back()
    expect(_visible(page, "about-text")).to_be_visible()
    expect(page).to_have_url(f"{base}/about")
    page.go_forward()
    expect(_visible(page, "item-text")).to_have_text("Item number 6")
    # A link to a tab page returns to the tabs, on that tab.
    _visible(page, "item-home").click()
    expect(_visible(page, "home-text")).to_be_visible()
    expect(page).to_have_url(f"{base}/")
    assert page.locator('[data-testid="item-text"]').count() == 0  # popped, not kept below
    # A page opened by its address, a text param decoded.
    page.goto(f"{base}/tags/red%20wine")
    expect(_visible(page, "tag-text")).to_have_text("Tagged red wine")
    assert _back_buttons(page) == 1  # the tabs are below it
    # The export's missing favicon is the only failed request.
    assert [e for e in web_page.errors if "Failed to load resource" not in e] == []


@pytest.mark.npm
@pytest.mark.browser
def test_a_toast_is_above_the_tab_bar(exported: str, web_page: Page) -> None:
    from playwright.sync_api import expect

    page = web_page.page

    page.goto(exported)
    _visible(page, "hello").click()
    toast = page.get_by_role("alert")
    expect(toast).to_contain_text("Hello there")
    tab = page.get_by_test_id("nav-home").bounding_box()
    box = toast.bounding_box()
    assert tab is not None and box is not None
    assert box["y"] + box["height"] <= tab["y"], (box, tab)


# ---- native behaviour under jest -----------------------------------------------------------


TYPED = """import { PageProps } from "./navigation";

// From a tab's page: the root stack's pages and the tabs, with their params' types.
export function typed(navigation: PageProps["home"]["navigation"]): void {
  navigation.navigate("item", { id: 3 });
  navigation.navigate("tag", { name: "red" });
  navigation.navigate("(tabs)", { screen: "about-tab" });
  // @ts-expect-error: a param of the wrong type
  navigation.navigate("item", { id: "3" });
  // @ts-expect-error: a missing param
  navigation.navigate("item");
  // @ts-expect-error: no such page
  navigation.navigate("items", { id: 3 });
}
"""


@pytest.mark.npm
def test_tab_navigation_under_jest(tmp_path: Path, same_path_each_run: Path,
                                   node_modules: Path) -> None:
    project = _project(tmp_path / "p")
    mobile = _build(project, same_path_each_run / "out", node_modules)
    # The param lists type-check navigation: right calls pass, wrong ones fail (an unused
    # @ts-expect-error is an error itself).
    (mobile / "src" / "typed.ts").write_text(TYPED)
    tsc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                          str(mobile)], capture_output=True, text=True, timeout=600)
    assert tsc.returncode == 0, tsc.stdout[-3000:]
    (mobile / "__tests__").mkdir()
    shutil.copy(HERE / "jest" / "navigation.test.tsx", mobile / "__tests__")
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "jest"), "--ci",
                           "--testTimeout=60000"],
                          cwd=mobile, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    assert "failed" not in proc.stderr.split("Tests:")[-1]
