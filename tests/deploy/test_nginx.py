"""The scaffolded nginx.conf, run by Debian's nginx against a build of each template: every
response carries the page's own policy (plus frame-ancestors) and nosniff, hashed files are
cached for a year, the page is revalidated, and the build's tool files are not served."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest

from appforge.scaffold import TEMPLATES
from appforge.targets.web.fingerprint import HASHED, HASHED_NAME, original_name
from tests.deploy.conftest import Built, Nginx, Reply

IMMUTABLE = "public, max-age=31536000, immutable"
TYPES = {".html": "text/html", ".js": "application/javascript", ".css": "text/css",
         ".svg": "image/svg+xml", ".json": "application/json"}
NOT_SERVED = ["build.json", "_headers", "_headers.nginx"]


def page_policy(index_html: bytes) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
                      index_html.decode())
    assert match, "index.html carries no policy"
    return html.unescape(match.group(1))


def assert_security_headers(reply: Reply, policy: str, what: str) -> None:
    csp = reply.headers.get_all("Content-Security-Policy") or []
    assert csp == [f"{policy}; frame-ancestors 'none'"], what
    assert reply.headers.get_all("X-Content-Type-Options") == ["nosniff"], what
    assert reply.headers.get_all("Referrer-Policy") == ["strict-origin-when-cross-origin"], what


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_response_has_the_headers_of_its_file_type(
        template: str, built_templates: dict[str, Built],
        nginx: Callable[[Built], Nginx]) -> None:
    built = built_templates[template]
    server = nginx(built)
    index = (built.web / "index.html").read_bytes()
    policy = page_policy(index)
    assert "frame-ancestors" not in policy  # ignored in <meta>; the header carries it
    files = sorted(p.relative_to(built.web).as_posix() for p in built.web.rglob("*")
                   if p.is_file())
    hashed = [name for name in files if HASHED_NAME.fullmatch(name)]
    assert sorted(original_name(n) for n in hashed) == sorted(HASHED)
    for name in ["", *files]:
        reply = server.get(name)
        assert_security_headers(reply, policy, name)
        if name in NOT_SERVED:
            assert reply.status == 404, name
            assert (built.web / name).read_bytes() not in reply.body
            continue
        assert reply.status == 200, name
        assert reply.body == (built.web / (name or "index.html")).read_bytes(), name
        cache = reply.headers.get_all("Cache-Control")
        if name in hashed:
            assert cache == [IMMUTABLE], name
            assert f'="{name}"' in index.decode()  # the page names exactly this version
        else:
            assert cache == ["no-cache"], name
        suffix = "." + (name or "index.html").rsplit(".", 1)[-1]
        if suffix in TYPES:
            assert reply.headers.get_content_type() == TYPES[suffix], name


@pytest.mark.parametrize("path", ["missing.js", "app.0123456789.js", "no/such/page",
                                  "build.json?x=1", "BUILD.JSON", "%62uild.json"])
def test_missing_and_refused_paths_are_404_with_the_headers(
        path: str, built_templates: dict[str, Built],
        nginx: Callable[[Built], Nginx]) -> None:
    built = built_templates["todo"]
    server = nginx(built)
    reply = server.get(path)
    assert reply.status == 404, path
    assert_security_headers(reply, page_policy((built.web / "index.html").read_bytes()), path)
    assert b'"spec_hash"' not in reply.body


def test_revalidation_answers_304_with_the_headers(built_templates: dict[str, Built],
                                                  nginx: Callable[[Built], Nginx]) -> None:
    """A browser revalidating the page (no-cache) gets 304 with the same headers."""
    import urllib.error
    import urllib.request

    built = built_templates["blank"]
    server = nginx(built)
    first = server.get("index.html")
    request = urllib.request.Request(server.url + "index.html", headers={
        "If-None-Match": first.headers["ETag"],
        "If-Modified-Since": first.headers["Last-Modified"]})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 304
    reply = Reply(304, caught.value.headers, b"")
    assert_security_headers(reply, page_policy((built.web / "index.html").read_bytes()), "304")
    assert reply.headers.get_all("Cache-Control") == ["no-cache"]
