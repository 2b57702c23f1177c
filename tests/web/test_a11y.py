"""Every page of every example without parameters: each control has an accessible name, each
image an alt, each button and link a name, the document a language and a title, one main
landmark; no console error or CSP violation on the way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SHARED, Api, Page

pytestmark = pytest.mark.browser

EXAMPLES = sorted(p.parent for p in [*SHARED.glob("*/appforge.yaml"),
                                     *(ROOT / "examples").glob("*/appforge.yaml")])

PROBLEMS = """() => {
  const name = el => (el.getAttribute('aria-label') ||
                      Array.from(el.labels || [], l => l.textContent).join('') ||
                      el.textContent || '').trim();
  const out = [];
  document.querySelectorAll('input, select, textarea').forEach(el => {
    if (!name(el)) out.push('control without a name: ' + el.outerHTML.slice(0, 80));
  });
  document.querySelectorAll('button, a').forEach(el => {
    if (!name(el)) out.push('unnamed ' + el.tagName + ': ' + el.outerHTML.slice(0, 80));
  });
  document.querySelectorAll('img').forEach(el => {
    if (!el.hasAttribute('alt')) out.push('image without alt');
  });
  if (!document.documentElement.lang) out.push('no lang');
  if (!document.title) out.push('no title');
  if (document.querySelectorAll('main').length !== 1) out.push('not one main');
  return out;
}"""


@pytest.mark.parametrize("project", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_page_is_labelled(project: Path, build_web: Callable[..., Path],
                                serve: Callable[[Path], str], web_page: Page, api: Api) -> None:
    spec = yaml.safe_load((project / "appforge.yaml").read_text())
    env = {"API_URL": api.url} if "API_URL" in (spec["app"].get("env") or {}) else None
    base = serve(build_web(project, env))
    pages = [p for f in [project / "appforge.yaml", *project.glob("pages/*.yaml")]
             for p in (yaml.safe_load(f.read_text()) or {}).get("pages", [])]
    for page in pages:
        path = page.get("path", "/" + page["id"])
        if ":" in path:
            continue
        web_page.page.goto(base + "#" + path)
        web_page.page.wait_for_function("() => document.querySelector('main').childElementCount")
        assert web_page.testid("not-found").count() == 0, path
        assert web_page.page.evaluate(PROBLEMS) == [], (project.name, path)
    # The API answers 404 here: a failed load is the browser's own console line, nothing else.
    assert all("Failed to load resource" in e for e in web_page.errors), web_page.errors
