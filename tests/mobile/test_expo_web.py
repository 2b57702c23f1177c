"""The web page Expo makes for the mobile build (`expo export --platform web`, `expo start
--web`) never runs spec text: the project ships its own public/index.html with the title escaped,
and app.json's web.name (which Expo's own template pastes unescaped) is HTML-safe."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from appforge.pipeline import build
from tests.conftest import Page

NAMES = [
    "</title><script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=2>",
    "$& $' $` $$ %WEB_TITLE% %LANG_ISO_CODE%",  # String.replace patterns, Expo placeholders
    "Tom &amp; Jerry's \"app\"",
    "</head><script>window.__pwned=3</script></body>",
]


def _project(root: Path, name: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "appforge.yaml").write_text(yaml.safe_dump({
        "appforge": 1, "app": {"name": name, "id": "com.example.expo"},
        "pages": [{"id": "home", "title": "Home", "body": [
            {"type": "text", "id": "hello", "text": "hello from the app"}]}]}))
    return root


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


def _expo_template_fill(template: str, web_name: str) -> str:
    """What Expo's own template does with web.name when there is no public/index.html:
    JavaScript's String.replace, whose $ patterns are modelled here."""
    at = template.index("%WEB_TITLE%")
    before, after = template[:at], template[at + len("%WEB_TITLE%"):]
    filled = (web_name.replace("$$", "\0").replace("$&", "%WEB_TITLE%")
              .replace("$`", before).replace("$'", after).replace("\0", "$"))
    return before + filled + after


@pytest.mark.parametrize("name", NAMES)
def test_the_web_page_and_web_name_are_html_safe(tmp_path: Path, name: str) -> None:
    result = build(_project(tmp_path / "p", name), ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    expo = json.loads((mobile / "app.json").read_text())["expo"]
    assert expo["name"] == name  # the native app's name is the name, unchanged
    fallback = "<html><head><title>%WEB_TITLE%</title></head><body></body></html>"
    for page in ((mobile / "public" / "index.html").read_text(),
                 _expo_template_fill(fallback, expo["web"]["name"])):
        parsed = _Page()
        parsed.feed(page)
        assert "script" not in parsed.tags and "img" not in parsed.tags
        assert parsed.title == name
        assert "%WEB_TITLE%" not in page


@pytest.mark.npm
@pytest.mark.browser
def test_nothing_runs_in_the_expo_web_export(tmp_path: Path, node_modules: Path,
                                             serve: Callable[[Path], str],
                                             web_page: Page) -> None:
    name = NAMES[0] + " $' %WEB_TITLE% &amp;"  # at most 80 characters
    result = build(_project(tmp_path / "p", name), ["mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    mobile = tmp_path / "out" / "mobile"
    (mobile / "node_modules").symlink_to(node_modules)
    dist = tmp_path / "dist"
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "expo"), "export",
                           "--platform", "web", "--output-dir", str(dist)],
                          cwd=mobile, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "CI": "1"})
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    url = serve(dist)
    page = web_page.page
    # The page as Expo wrote it, before the app's script renames it: the title is the name.
    page.route("**/_expo/static/js/**", lambda route: route.abort())
    page.goto(url)
    assert page.title() == " ".join(name.split())  # document.title collapses whitespace
    assert page.evaluate("window.__pwned") is None
    page.unroute("**/_expo/static/js/**")
    web_page.errors.clear()
    page.goto(url)
    page.get_by_text("hello from the app").wait_for(timeout=60_000)
    assert page.evaluate("window.__pwned") is None
    assert not [e for e in web_page.errors if "page error" in e], web_page.errors
