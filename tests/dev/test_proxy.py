"""`appforge dev` forwards paths to a local API (`--proxy`, `app.dev.proxy`): the app fetches
`/api/...` from its own origin, so an API without any CORS header works, in Chromium, under the
page's CSP. Loopback targets only unless `--allow-remote-proxy`; headers and bodies passed
through; a clear 502 when the API is down; the DNS-rebinding guard applies to proxied paths."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.dev.proxy import ProxyError, is_loopback, merge, parse_option, parse_rule
from tests.conftest import Page
from tests.dev.conftest import Session

runner = CliRunner()


class LocalApi:
    """A JSON API on 127.0.0.1 that sends no CORS header at all: only a same-origin page can
    read it, which is what the proxy makes the app."""

    def __init__(self) -> None:
        self.items = ["milk", "<b>bread</b>"]
        self.seen: list[dict[str, Any]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _reply(self, status: int, body: bytes, kind: str = "application/json",
                       extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("X-Api", "local")
                self.send_header("Set-Cookie", "session=abc; Path=/; HttpOnly")
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _record(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                api.seen.append({"method": self.command, "path": self.path,
                                 "headers": dict(self.headers.items()), "body": body})
                return body

            def do_GET(self) -> None:
                self._record()
                if self.path.startswith("/api/items"):
                    self._reply(200, json.dumps({"items": api.items}).encode())
                elif self.path == "/api/moved":
                    port = self.server.server_address[1]
                    self._reply(302, b"", extra={"Location": f"http://127.0.0.1:{port}/api/items"})
                elif self.path == "/api/stream":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for part in (b"one,", b"two,", b"three"):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    self._reply(404, b'{"error": "no such thing"}')

            do_HEAD = do_GET

            def do_POST(self) -> None:
                body = self._record()
                api.items.append(json.loads(body)["name"])
                self._reply(201, json.dumps({"ok": True, "count": len(api.items)}).encode())

            def do_DELETE(self) -> None:
                self._record()
                self._reply(204, b"")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local_api() -> Iterator[LocalApi]:
    api = LocalApi()
    yield api
    api.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SPEC = """appforge: 1
app:
  name: Groceries
  id: com.example.groceries
{dev}
state:
  items: {{type: list, of: string, default: []}}
  draft: {{type: string, default: ""}}
data:
  items: {{kind: rest, url: /api/items, select: items, into: state.items, auto: true}}
  add:
    kind: rest
    url: /api/items
    method: POST
    headers: {{Content-Type: application/json}}
    body: {{name: "{{{{ state.draft }}}}"}}
pages:
  - id: home
    body:
      - {{type: heading, text: "{{{{ len(state.items) }}}} items"}}
      - {{type: list, id: items, items: "{{{{ state.items }}}}", as: it,
          item: [{{type: text, text: "{{{{ it }}}}"}}]}}
"""


def _project(tmp_path: Path, dev: str = "") -> Path:
    project = tmp_path / "groceries"
    project.mkdir()
    (project / "appforge.yaml").write_text(SPEC.format(dev=dev))
    return project


def _get(url: str, host: str | None = None, method: str = "GET", data: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if host:
        request.add_header("Host", host)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as reply:
            return reply.status, dict(reply.headers.items()), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


# --- rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST.",
                                  "api.localhost", "[::1]", "::1"])
def test_loopback_names(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["example.com", "10.0.0.1", "192.168.1.2", "0.0.0.0",
                                  "localhost.example.com", "127.0.0.1.nip.io", "[::]"])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_parse_rule() -> None:
    rule = parse_rule("/api/", "http://127.0.0.1:9000/v1/")
    assert (rule.prefix, rule.host, rule.port, rule.base, rule.origin) == \
        ("/api", "127.0.0.1", 9000, "/v1", "http://127.0.0.1:9000")
    assert rule.matches("/api") and rule.matches("/api/x") and not rule.matches("/apix")
    assert parse_rule("/x", "https://localhost").origin == "https://localhost"
    assert parse_rule("/x", "http://example.com", allow_remote=True).host == "example.com"


@pytest.mark.parametrize("prefix, target, reason", [
    ("/api", "http://example.com:9000", "not on this machine"),
    ("/api", "http://10.1.2.3", "not on this machine"),
    ("api", "http://127.0.0.1:9000", "is not a URL path"),
    ("/", "http://127.0.0.1:9000", "cannot be proxied"),
    ("/__appforge", "http://127.0.0.1:9000", "cannot be proxied"),
    ("/__appforge/events", "http://127.0.0.1:9000", "cannot be proxied"),
    ("/api", "ftp://127.0.0.1", "is not an http(s) URL"),
    ("/api", "127.0.0.1:9000", "is not an http(s) URL"),
    ("/api", "http://user:pw@127.0.0.1:9000", "may hold only"),
    ("/api", "http://127.0.0.1:99999", "no valid port"),
])
def test_bad_rules(prefix: str, target: str, reason: str) -> None:
    with pytest.raises(ProxyError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_rule(prefix, target)


def test_option_then_spec_longest_prefix_first() -> None:
    rules, problems = merge(parse_option(["/api=http://127.0.0.1:1"]),
                            {"/api": "http://127.0.0.1:2", "/api/v2": "http://127.0.0.1:3",
                             "/far": "http://example.com"}, allow_remote=False)
    assert [(r.prefix, r.port) for r in rules] == [("/api/v2", 3), ("/api", 1)]
    assert problems and "app.dev.proxy" in problems[0] and "not on this machine" in problems[0]


@pytest.mark.parametrize("value, code", [("/api=http://example.com", 2), ("/api", 2),
                                         ("nope=http://127.0.0.1:1", 2)])
def test_cli_refuses_bad_proxy_options(tmp_path: Path, value: str, code: int) -> None:
    project = _project(tmp_path)
    result = runner.invoke(app, ["dev", str(project), "--port", "0", "--proxy", value])
    assert result.exit_code == code, result.output
    assert "error: --proxy" in result.output and "Traceback" not in result.output


# --- forwarding --------------------------------------------------------------------------

@pytest.fixture
def proxied(start_dev: Callable[..., Session], tmp_path: Path, local_api: LocalApi
            ) -> tuple[Session, LocalApi]:
    from appforge.dev.proxy import parse_rule

    session = start_dev(_project(tmp_path), proxy=[parse_rule("/api", local_api.url)])
    return session, local_api


def test_get_post_delete_head_pass_through(proxied: tuple[Session, LocalApi]) -> None:
    (_, server, _), api = proxied
    base = server.url.rstrip("/")
    status, headers, body = _get(base + "/api/items?x=1&y=%20z",
                                 headers={"Accept": "application/json", "X-Custom": "yes"})
    assert status == 200 and json.loads(body) == {"items": ["milk", "<b>bread</b>"]}
    assert headers["Content-Type"] == "application/json" and headers["X-Api"] == "local"
    assert headers["Set-Cookie"].startswith("session=abc")
    seen = api.seen[-1]
    assert seen["path"] == "/api/items?x=1&y=%20z"  # the path and query unchanged
    assert seen["headers"]["Host"] == api.url.removeprefix("http://")
    assert seen["headers"]["X-Custom"] == "yes" and seen["headers"]["Accept"] == \
        "application/json"
    assert seen["headers"]["X-Forwarded-Host"] == server.url.removeprefix("http://").rstrip("/")

    status, _, body = _get(base + "/api/items", method="POST", data=b'{"name": "eggs"}',
                           headers={"Content-Type": "application/json"})
    assert status == 201 and json.loads(body) == {"ok": True, "count": 3}
    assert api.seen[-1]["body"] == b'{"name": "eggs"}'
    assert _get(base + "/api/items/1", method="DELETE")[0] == 204
    status, headers, body = _get(base + "/api/items", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    status, _, body = _get(base + "/api/unknown")
    assert status == 404 and b"no such thing" in body  # the API's own answer


def test_redirects_and_streams(proxied: tuple[Session, LocalApi]) -> None:
    (_, server, _), _api = proxied
    base = server.url.rstrip("/")
    status, headers, _ = _get(base + "/api/moved")
    assert status == 302 and headers["Location"] == "/api/items"  # stays on the dev server
    status, _, body = _get(base + "/api/stream")
    assert status == 200 and body == b"one,two,three"


def test_only_proxied_paths_take_other_methods(proxied: tuple[Session, LocalApi]) -> None:
    (_, server, _), api = proxied
    before = len(api.seen)
    status, headers, _ = _get(server.url + "index.html", method="POST", data=b"x")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    assert len(api.seen) == before


def test_a_rebound_host_cannot_reach_the_api(proxied: tuple[Session, LocalApi]) -> None:
    (_, server, _), api = proxied
    before = len(api.seen)
    for method in ("GET", "POST"):
        status, _, _ = _get(server.url + "api/items", host=f"evil.example:{server.port}",
                            method=method, data=b"{}" if method == "POST" else None)
        assert status == 421
    assert len(api.seen) == before


def test_api_down_is_a_clear_502(start_dev: Callable[..., Session], tmp_path: Path) -> None:
    port = _closed_port()
    _, server, _ = start_dev(_project(tmp_path), proxy=[parse_rule("/api",
                                                                   f"http://127.0.0.1:{port}")])
    status, headers, body = _get(server.url + "api/items")
    assert status == 502 and headers["Content-Type"].startswith("text/plain")
    assert body.decode() == (f"appforge dev: the proxy for /api could not get an answer from "
                             f"http://127.0.0.1:{port}: connection refused: is the API "
                             "running?\n")


def test_spec_key_and_its_changes(start_dev: Callable[..., Session], tmp_path: Path,
                                  local_api: LocalApi) -> None:
    project = _project(tmp_path, dev=f"  dev: {{proxy: {{/api: \"{local_api.url}\"}}}}")
    _, server, outcomes = start_dev(project)
    assert outcomes[-1].ok and outcomes[-1].notes == ()
    assert _get(server.url + "api/items")[0] == 200
    # A remote target in the spec is refused, with a warning, and the path is not proxied.
    spec = project / "appforge.yaml"
    spec.write_text(spec.read_text().replace(local_api.url, "http://example.com"))
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(o.notes for o in outcomes):
        time.sleep(0.05)
    notes = [n for o in outcomes for n in o.notes]
    assert notes and "not on this machine" in notes[0] and "--allow-remote-proxy" in notes[0]
    assert _get(server.url + "api/items")[0] == 404


# --- in the browser --------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("how", ["option", "spec"])
def test_the_app_reads_and_writes_a_local_api(start_dev: Callable[..., Session],
                                              tmp_path: Path, local_api: LocalApi,
                                              web_page: Page, how: str) -> None:
    from playwright.sync_api import expect

    if how == "option":
        session = start_dev(_project(tmp_path), proxy=[parse_rule("/api", local_api.url)])
    else:
        session = start_dev(_project(tmp_path,
                                     dev=f"  dev: {{proxy: {{/api: \"{local_api.url}\"}}}}"))
    _, server, _ = session
    page = web_page.page
    page.goto(server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("2 items", timeout=10_000)
    expect(page.get_by_text("<b>bread</b>")).to_be_visible()  # data stays text
    # The page's own fetch to the same origin, under its CSP.
    reply = page.evaluate("""async () => {
        const r = await fetch('/api/items', {method: 'POST', body: JSON.stringify({name: 'tea'}),
                                            headers: {'Content-Type': 'application/json'}});
        return [r.status, await r.json()];
    }""")
    assert reply == [201, {"ok": True, "count": 3}]
    assert any(s["method"] == "GET" and s["path"] == "/api/items" for s in local_api.seen)
    web_page.assert_clean()  # no CORS error, no CSP violation
