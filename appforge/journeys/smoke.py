"""Generated smoke journeys: with no journey written, open every page (its params sampled from
their types, every REST source answered with an empty reply of its type) and fail on console
errors, CSP violations and accessibility violations found by axe-core inside the page.

axe-core comes from the npm registry: ``$APPFORGE_AXE`` (a path to axe.min.js), a project's
``node_modules/axe-core``, or a cache that this module fills with ``npm install`` on first use
(``scripts/test`` fills it on a fresh machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from appforge import ir
from appforge.diagnostics import SourceSpan
from appforge.journeys.browser import Page, ToolMissing
from appforge.journeys.checker import sample
from appforge.journeys.model import Journey, Mock, OpenPage, Step
from appforge.kinds.source import http_fetch

AXE_VERSION = "4.14.1"
#: WCAG 2.1 A and AA: what a generated app must meet. Best-practice rules are left out.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
GENERATED = "(generated smoke journey)"


def smoke_journeys(app: ir.App) -> list[Journey]:
    """One journey per page: mock every source fetched over HTTP, open the page, let it
    settle."""
    span = SourceSpan.unknown(GENERATED)
    fetched = [(s, fetch) for s in app.data if (fetch := http_fetch(s)) is not None]
    mocks = [Step("mock", Mock(source=s.name, body=fetch.empty_reply), span)
             for s, fetch in fetched]
    out = []
    for page in app.pages:
        params = {name: sample(t) for name, t in page.params}
        opener = OpenPage(page=page.id, params=params)
        # Every page opens by its address: the web build's route, the mobile build's deep link.
        targets = ("web", "mobile")
        steps = (*mocks, Step("open", opener, span),
                 *(Step("wait_for", s.name, span) for s, fetch in fetched if fetch.auto))
        out.append(Journey(f"smoke: open {page.id}", GENERATED, targets, steps, span))
    return out


def axe_script() -> str:
    """The source of axe.min.js, installed into the cache when missing."""
    given = os.environ.get("APPFORGE_AXE")
    candidates = [Path(given)] if given else []
    cache = _cache() / "node_modules" / "axe-core" / "axe.min.js"
    candidates += [Path("node_modules/axe-core/axe.min.js"), cache]
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    install_axe()
    return cache.read_text(encoding="utf-8")


def _cache() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "appforge" / f"axe-core-{AXE_VERSION}"


def install_axe() -> Path:
    """npm install axe-core (pinned) into the cache; returns axe.min.js."""
    folder = _cache()
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        raise ToolMissing("the accessibility check needs axe-core from npm, and npm is not "
                          "installed: install Node.js 22 (https://nodejs.org, or "
                          "apt-get install nodejs npm), or set APPFORGE_AXE to axe.min.js")
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error",
                           "--prefix", str(folder), f"axe-core@{AXE_VERSION}"],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not script.is_file():
        raise ToolMissing(f"npm install axe-core@{AXE_VERSION} failed: "
                          f"{(proc.stderr or proc.stdout).strip()[-500:]}")
    return script


_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => v.id + ': ' + v.help + ' (' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')');
}"""


def audit(page: Page, target: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (evaluated through the
    DevTools protocol, which the app's Content-Security-Policy does not block)."""
    pw: Any = page.page
    pw.wait_for_load_state("load")
    pw.wait_for_timeout(200)  # the first render and any effects
    if not pw.evaluate("typeof window.axe !== 'undefined'"):
        pw.evaluate(axe_script())
    violations: list[str] = pw.evaluate(_RUN_AXE, AXE_TAGS)
    return violations
