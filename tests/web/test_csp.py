"""Untrusted text never rewrites the Content-Security-Policy: every origin in it is parsed and
written again as scheme://host[:port]; a URL that has no such origin is refused at its place."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge.origin import OriginError, origin
from appforge.pipeline import build, check_project
from appforge.targets.web.render import content_security_policy
from tests.conftest import Page

HOSTILE = [
    "https://c.example.com;script-src-elem * 'unsafe-inline';base-uri *",
    "https://x.com; script-src-elem * 'unsafe-inline'",
    "https://x.com script-src-elem *",
    "https://x.com\tscript-src-elem",
    "https://x.com\n;script-src *",
    "https://x\r\n.com",
    "https://x.com'unsafe-inline'",
    'https://x.com"',
    "https://a.com,b.com",
    "https://a.com%3bscript-src",
    "https://user@b.example.com",
    "https://user:pw@b.example.com",
    "https://a.com\\@b.example.com",
    "https://a_b.example.com",
    "https://a.com:99999",
    "https://a.com:1x",
    "https://[::1",
    "https://[fe80::1%25eth0]",
    "https://\u2028a.com",
    "https://a.com\x00",
    "https://",
]

# (url, the source it puts in connect-src)
ACCEPTED = [
    ("https://api.example.com", "https://api.example.com"),
    ("HTTPS://API.Example.COM", "https://api.example.com"),
    ("https://api.example.com:443", "https://api.example.com"),
    ("http://api.example.com:80", "http://api.example.com"),
    ("https://api.example.com:8443", "https://api.example.com:8443"),
    ("https://bücher.example", "https://xn--bcher-kva.example"),
    ("https://[2001:DB8::0001]:8080", "https://[2001:db8::1]:8080"),
    ("http://127.0.0.1:3000", "http://127.0.0.1:3000"),
]


def _spec(rest_url: str | None = None, analytics: str | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "appforge": 1,
        "app": {"name": "Csp", "id": "com.example.csp",
                "env": {"API": {"default": "https://api.example.com"}}},
        "state": {"rows": {"type": "list", "of": "string", "default": []}},
        "pages": [{"id": "home", "body": [{"type": "text", "id": "t", "text": "hello"}]}],
    }
    if rest_url is not None:
        spec["data"] = {"rows": {"kind": "rest", "url": rest_url, "into": "state.rows"}}
    if analytics is not None:
        spec["app"]["analytics"] = {"url": analytics}
    return spec


def _project(tmp_path: Path, spec: dict[str, Any]) -> Path:
    (tmp_path / "appforge.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True,
                                                           width=10_000))
    return tmp_path


def _connect_src(web: Path) -> list[str]:
    html = (web / "index.html").read_text()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp is not None
    directives = [d.strip() for d in csp.group(1).replace("&#39;", "'").split(";")]
    # Exactly the directives the target writes: nothing was added by the spec's text.
    assert [d.split()[0] for d in directives] == [
        "default-src", "script-src", "style-src", "img-src", "font-src", "manifest-src",
        "connect-src", "base-uri", "form-action"]
    return next(d for d in directives if d.startswith("connect-src")).split()[1:]


@pytest.mark.parametrize("url", HOSTILE)
@pytest.mark.parametrize("where", ["rest", "rest-path", "analytics"])
def test_a_url_without_a_clean_origin_is_refused_at_its_place(
        tmp_path: Path, url: str, where: str) -> None:
    spec = _spec(rest_url=url if where == "rest" else url + "/rows" if where == "rest-path"
                 else None, analytics=url if where == "analytics" else None)
    result = check_project(_project(tmp_path, spec))
    errors = [d for d in result.diagnostics if d.is_error]
    assert result.app is None and errors, "a hostile origin was accepted"
    assert {d.code for d in errors} <= {"E0409", "E0007", "E0010", "E0005"}, \
        [str(d) for d in errors]
    assert all(d.span.line > 1 and d.span.file == "appforge.yaml" for d in errors)


@pytest.mark.parametrize("value", [
    "https://x.com; script-src-elem * 'unsafe-inline'",
    "https://x.com script-src *",
    "https://x.com,https://evil.example",
    "https://evil@x.com",
])
def test_an_env_value_cannot_rewrite_the_policy(tmp_path: Path, value: str) -> None:
    project = _project(tmp_path, _spec(rest_url="{{ env.API }}/rows"))
    result = build(project, ["web"], tmp_path / "out", {"API": value})
    errors = [d for d in result.diagnostics if d.is_error]
    assert [d.code for d in errors] == ["E0409"], [str(d) for d in result.diagnostics]
    assert errors[0].span.line > 1  # at the url, not 1:1
    assert not (tmp_path / "out" / "web").exists()


@pytest.mark.parametrize(("url", "source"), ACCEPTED)
@pytest.mark.parametrize("where", ["rest", "analytics", "env"])
def test_the_policy_holds_exactly_the_parsed_origin(
        tmp_path: Path, url: str, source: str, where: str) -> None:
    spec = _spec(rest_url="{{ env.API }}/rows" if where == "env" else
                 url + "/rows" if where == "rest" else None,
                 analytics=url if where == "analytics" else None)
    env = {"API": url} if where == "env" else None
    result = build(_project(tmp_path, spec), ["web"], tmp_path / "out", env)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert _connect_src(tmp_path / "out" / "web") == ["'self'", source]


@pytest.mark.parametrize("url", HOSTILE)
def test_the_target_never_pastes_even_past_the_checker(tmp_path: Path, url: str) -> None:
    result = check_project(_project(tmp_path, _spec(analytics="https://ok.example")))
    assert result.app is not None
    app = result.app
    assert app.analytics is not None
    forged = dataclasses.replace(app, analytics=dataclasses.replace(app.analytics, url=url))
    with pytest.raises(ValueError):
        content_security_policy(forged)
    with pytest.raises(OriginError):
        origin(url)


@pytest.mark.browser
@pytest.mark.parametrize(("url", "source"), ACCEPTED[:3] + ACCEPTED[5:7])
def test_an_injected_inline_script_does_not_run_in_chromium(
        tmp_path: Path, url: str, source: str, serve: Callable[[Path], str],
        web_page: Page) -> None:
    """The policy the build writes, with each accepted form of origin, still blocks inline
    script: an inline script planted in the page (what the issue's payload enabled) is
    refused by Chromium."""
    result = build(_project(tmp_path, _spec(rest_url=url + "/rows", analytics=url)), ["web"],
                   tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    web = tmp_path / "out" / "web"
    html = (web / "index.html").read_text()
    (web / "index.html").write_text(html.replace(
        "<body>", "<body><script>window.__pwned = 1</script>"
        "<script src=\"data:text/javascript,window.__pwned=2\"></script>"))
    web_page.page.route("**/rows", lambda route: route.fulfill(status=200, body="[]"))
    web_page.page.goto(serve(web))
    web_page.testid("t").wait_for()
    assert web_page.page.evaluate("window.__pwned") is None
    assert any("CSP violation: script-src" in e for e in web_page.errors), web_page.errors
