"""Content-hashed names and the header files, at the web target: deterministic names that
change with the content, an index.html that names them, the header policy equal to the page's
own (plus frame-ancestors) for every example, and nothing of this in `appforge dev`."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from appforge.pipeline import compile_project
from appforge.targets import RenderOptions, get_target
from appforge.targets.web.fingerprint import HASHED, HASHED_NAME, fingerprint, original_name
from appforge.targets.web.headers import FILES, header_policy, netlify_headers, nginx_snippet
from tests.conftest import ROOT, SHARED

EXAMPLES = [*sorted((ROOT / "examples").glob("*/appforge.yaml")),
            *(sorted(SHARED.glob("*/appforge.yaml")) if SHARED.is_dir() else [])]
ENV = {"API_URL": "https://api.example.test:8443"}


def _render(spec: Path, dev: bool = False) -> dict[str, bytes]:
    app, diagnostics = compile_project(spec.parent, ENV if "env:" in spec.read_text() else None)
    assert app is not None, diagnostics
    return get_target("web").render(app, RenderOptions(dev=dev))


def _meta_policy(files: dict[str, bytes]) -> str:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                      files["index.html"].decode())
    assert match
    return html.unescape(match.group(1))


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.parent.name)
def test_hashed_names_and_headers_follow_the_page(spec: Path) -> None:
    files = _render(spec)
    hashed = sorted(n for n in files if HASHED_NAME.fullmatch(n))
    assert sorted(original_name(n) for n in hashed) == sorted(HASHED)
    assert not set(HASHED) & set(files)
    page = files["index.html"].decode()
    for name in hashed:
        assert page.count(f'="{name}"') == 1
    for plain in HASHED:
        assert f'="{plain}"' not in page
    policy = _meta_policy(files)
    header = header_policy(policy)
    assert files["_headers.nginx"].decode() == nginx_snippet(policy)
    assert f'add_header Content-Security-Policy "{header}" always;' in \
        files["_headers.nginx"].decode()
    assert f"  Content-Security-Policy: {header}\n" in files["_headers"].decode()
    assert files["_headers"].decode() == netlify_headers(policy, files)
    assert _render(spec) == files  # deterministic


def test_an_api_origin_from_env_is_in_both_policies() -> None:
    files = _render(ROOT / "examples" / "bookshelf" / "appforge.yaml")
    assert "https://api.example.test:8443" in _meta_policy(files)
    assert "connect-src 'self' https://api.example.test:8443" in files["_headers.nginx"].decode()


def test_a_name_changes_only_with_its_content() -> None:
    files = {"index.html": b'<link href="app.css"><script src="runtime.js"></script>'
                           b'<script src="app.js"></script>',
             "app.js": b"one", "runtime.js": b"rt", "app.css": b"css", "icon.svg": b"<svg/>"}
    first = fingerprint(files)
    second = fingerprint({**files, "app.js": b"two"})
    assert {n for n in first if n.startswith("runtime.")} == \
        {n for n in second if n.startswith("runtime.")}
    assert {n for n in first if n.startswith("app.") and n.endswith(".js")} != \
        {n for n in second if n.startswith("app.") and n.endswith(".js")}
    assert "icon.svg" in first and first["icon.svg"] == b"<svg/>"
    with pytest.raises(ValueError, match=r"names app\.js 2 times"):
        fingerprint({**files, "index.html": files["index.html"] + b'<script src="app.js">'})


def test_dev_keeps_plain_names_and_writes_no_header_files() -> None:
    files = _render(ROOT / "examples" / "recipes" / "appforge.yaml", dev=True)
    assert set(HASHED) <= set(files)
    assert not set(FILES) & set(files)


@pytest.mark.parametrize("bad", ['"', "$host", "\\", "\n", "\x00"])
def test_a_header_value_is_never_pasted_unsafely(bad: str) -> None:
    with pytest.raises(ValueError, match="refused header value"):
        nginx_snippet(f"connect-src 'self' https://a{bad}b")
