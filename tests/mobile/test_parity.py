"""Web/mobile parity: the same scenario, written once as data, runs against the web build and
against the mobile build exported for the web with react-native-web, both in Chromium. A
behaviour difference between the targets fails here."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from appforge.pipeline import build
from tests import scenarios
from tests.conftest import Api, Page, shared_example
from tests.mobile.test_mobile import _build

pytestmark = [pytest.mark.npm, pytest.mark.browser]


CASES = {"todo": scenarios.TODO_PORTABLE, "signup": scenarios.SIGNUP_PORTABLE}


def _export(example: str, tmp_path_factory: pytest.TempPathFactory, node_modules: Path) -> Path:
    out = tmp_path_factory.mktemp("parity")
    mobile = _build(shared_example(example), out, node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "expo"), "export",
                           "--platform", "web", "--output-dir", str(out / "dist-web")],
                          cwd=mobile, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CI": "1"})
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return out / "dist-web"


@pytest.mark.parametrize("example", sorted(CASES))
def test_behaves_the_same_on_web(example: str, build_web: Callable[..., Path],
                                 serve: Callable[[Path], str], web_page: Page) -> None:
    web_page.page.goto(serve(build_web(shared_example(example))))
    scenarios.run(web_page.page, CASES[example], target="web")
    web_page.assert_clean()


@pytest.mark.parametrize("example", sorted(CASES))
def test_behaves_the_same_on_mobile(example: str, tmp_path_factory: pytest.TempPathFactory,
                                    node_modules: Path, serve: Callable[[Path], str],
                                    web_page: Page) -> None:
    web_page.page.goto(serve(_export(example, tmp_path_factory, node_modules)))
    scenarios.run(web_page.page, CASES[example], target="mobile")
    # The export has no favicon; that request is the browser's, not the app's.
    errors = [e for e in web_page.errors if "404" not in e]
    assert errors == [] and web_page.dialogs == []


def _quotes_page(target: str, api: Api, build_web: Callable[..., Path],
                 tmp_path_factory: pytest.TempPathFactory, node_modules: Path) -> Path:
    if target == "web":
        return build_web(shared_example("quotes"), {"API_URL": api.url})
    out = tmp_path_factory.mktemp("parity")
    result = build(shared_example("quotes"), ["mobile"], out, {"API_URL": api.url})
    assert result.ok
    mobile = out / "mobile"
    (mobile / "node_modules").symlink_to(node_modules)
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "expo"), "export",
                           "--platform", "web", "--output-dir", str(out / "dist-web")],
                          cwd=mobile, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CI": "1"})
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return out / "dist-web"


@pytest.mark.parametrize("target", ["web", "mobile"])
def test_rest_source_and_page_params_on_both_targets(
        target: str, api: Api, build_web: Callable[..., Path],
        tmp_path_factory: pytest.TempPathFactory, node_modules: Path,
        serve: Callable[[Path], str], web_page: Page) -> None:
    api.routes[("GET", "/quotes")] = (500, {"error": "down"})
    web_page.page.goto(serve(_quotes_page(target, api, build_web, tmp_path_factory,
                                          node_modules)))
    scenarios.run(web_page.page, scenarios.QUOTES_ERROR, target=target)
    api.routes[("GET", "/quotes")] = (200, scenarios.QUOTES_REPLY)
    scenarios.run(web_page.page, scenarios.QUOTES_RETRY + scenarios.QUOTES, target=target)
    # The 500 and the missing favicon are the browser's reports; nothing else may be.
    assert all("Failed to load resource" in e for e in web_page.errors), web_page.errors
