"""The dev server: the last good build from memory, plus a live-reload event stream.

Files are looked up by name in the in-memory build, never on disk, so no request can reach a
file outside the build: ``..`` in any encoding, absolute paths and symlinks simply name no
file (404). It binds 127.0.0.1 unless told otherwise, and answers only requests whose
``Host`` names it (a loopback name or the address it was told to bind, with its port): a page
of another site whose name was rebound to 127.0.0.1 (DNS rebinding) gets 421 for every path,
so it can read neither ``app.js`` (env values) nor the event stream (spec source lines).
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import mimetypes
import posixpath
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from appforge.dev import proxy
from appforge.dev.rebuild import DevBuild, Outcome
from appforge.diagnostics import Diagnostic
from appforge.resources import templates_dir

CLIENT_PATH = "/__appforge/dev.js"
EVENTS_PATH = "/__appforge/events"
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".json": "application/json",
         ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml"}


# Diagnostics the overlay lists: the terminal has them all, and each event goes to every page.
MAX_OVERLAY = 100


def _frame(lines: list[str], line: int, column: int) -> tuple[str, int]:
    """The window of the line a diagnostic points at (a 3 MB line is not sent whole to every
    page with every event), and the 1-based column of the caret in it."""
    from appforge.cli.output import frame_window

    if not 0 < line <= len(lines):
        return "", column
    text = lines[line - 1]
    start = min(max(column - 1, 0), len(text))
    a, b = frame_window(len(text), start)
    lead = "…" if a > 0 else ""
    return lead + text[a:b] + ("…" if b < len(text) else ""), start - a + len(lead) + 1


class Broadcast:
    """The newest event, and a condition that wakes every stream when it changes."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.version = 0
        self.event = ("ok", "{}")
        self.closed = False

    def publish(self, name: str, data: str) -> None:
        with self.condition:
            self.version += 1
            self.event = (name, data)
            self.condition.notify_all()

    def close(self) -> None:
        with self.condition:
            self.closed = True
            self.condition.notify_all()


DEFAULT_EDITOR_URL = "vscode://file{path}:{line}:{col}"
# Schemes a link may never have, whatever the template says: they run code in the page.
_SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:", "blob:", "file:")


def editor_link(template: str | None, path: Path, line: int, column: int) -> str | None:
    """The link that opens ``path`` at ``line``:``column`` in the user's editor, from a URL
    template with ``{path}`` (absolute, percent-encoded), ``{line}`` and ``{col}``, such as
    ``vscode://file{path}:{line}:{col}`` or ``idea://open?file={path}&line={line}``."""
    if not template:
        return None
    from urllib.parse import quote

    url = (template.replace("{path}", quote(path.as_posix(), safe="/:@"))
           .replace("{line}", str(max(line, 1))).replace("{col}", str(max(column, 1))))
    if url.strip().lower().startswith(_SCRIPT_SCHEMES) or any(c in url for c in "\"\n\r<>"):
        return None
    return url


def _context(lines: list[str], d: Diagnostic) -> tuple[list[dict[str, Any]], str, int, int]:
    """The code frame of a diagnostic: the line above, the line and the line below, each
    ``{"number", "text"}`` (the same window of each, for long lines); the line itself; and the
    1-based column and length of the caret in that window."""
    line = d.span.line
    frame, caret = _frame(lines, line, d.span.column)
    if not frame:
        return [], "", caret, 1
    from appforge.cli.output import frame_window

    text = lines[line - 1]
    start = min(max(d.span.column - 1, 0), len(text))
    a, b = frame_window(len(text), start)
    if d.span.end_line == line:
        length = max(d.span.end_column - d.span.column, 1)
    else:
        length = max(len(text.rstrip()) - start, 1)
    length = max(min(length, b - start), 1)
    out = []
    for number in (line - 1, line, line + 1):
        if 0 < number <= len(lines):
            other = lines[number - 1]
            if number == line:
                shown = frame
            elif len(other) <= b - a and a == 0:
                shown = other
            else:
                shown = ("…" if a > 0 else "") + other[a:b] + ("…" if b < len(other) else "")
            out.append({"number": number, "text": shown})
    return out, frame, caret, length


def outcome_event(outcome: Outcome, sources: dict[str, list[str]] | None = None,
                  link: Callable[[Diagnostic], str | None] | None = None) -> tuple[str, str]:
    """The event a rebuild sends: 'reload' after a good build, 'errors' with every diagnostic
    (errors first, then the warnings) when the spec has errors, each with its code frame, hint
    and a link to open the file in the user's editor."""
    if outcome.ok:
        return "reload", json.dumps({"generation": outcome.generation})
    from appforge.diagnostics import sort_key

    errors = sorted((d for d in outcome.diagnostics if d.is_error), key=sort_key)
    warnings = sorted((d for d in outcome.diagnostics if not d.is_error), key=sort_key)
    items = []
    for d in [*errors, *warnings][:MAX_OVERLAY]:
        context, frame, caret, length = _context((sources or {}).get(d.span.file, []), d)
        items.append({"file": d.span.file, "line": d.span.line, "column": d.span.column,
                      "code": d.code, "severity": d.severity.value, "message": _clip(d.message),
                      "hint": _clip(d.hint) if d.hint else d.hint, "frame": frame,
                      "caret": caret, "length": length, "lines": context,
                      "href": link(d) if link is not None else None,
                      "related": [{"where": _clip(str(span)), "message": _clip(note)}
                                  for span, note in d.related[:5]]})
    return "errors", json.dumps({"diagnostics": items, "total": len(errors),
                                 "warnings": len(warnings)})


def _clip(text: str) -> str:
    from appforge.cli.output import MAX_TEXT

    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def _is_ipv6(host: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address)
    except ValueError:
        return False


def host_header(host: str, port: int) -> str:
    """The ``Host`` a browser sends for ``host`` and ``port`` (IPv6 literals in brackets)."""
    name = f"[{host}]" if _is_ipv6(host) else host
    return name if port == 80 else f"{name}:{port}"


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values the server answers: the loopback names and the address it was told
    to bind, each with the server's own port (lower case: browsers send names so)."""
    return frozenset(host_header(name, port).lower() for name in (*LOOPBACK_NAMES, host))


def _ip_literal_host(value: str, port: int) -> bool:
    """Whether a ``Host`` value is an IP address (not a name) with this port."""
    address, sep, rest = value.rpartition(":")
    if not sep or rest != str(port):
        return False
    if address.startswith("[") and address.endswith("]"):
        return _is_ipv6(address[1:-1])
    try:
        return isinstance(ipaddress.ip_address(address), ipaddress.IPv4Address) and \
            address.count(".") == 3
    except ValueError:
        return False


class DevServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, build: DevBuild, host: str = "127.0.0.1", port: int = 0,
                 editor_url: str | None = DEFAULT_EDITOR_URL) -> None:
        self.build = build
        self.editor_url = editor_url
        self.broadcast = Broadcast()
        self.client_js = (templates_dir() / "dev" / "client.js").read_bytes()
        # An IPv6 address (``--host ::1``) needs an IPv6 socket; the class attribute is read
        # by the constructor when it makes the socket.
        self.address_family = socket.AF_INET6 if _is_ipv6(host) else socket.AF_INET
        self.host = host
        super().__init__((host, port), _Handler)
        self.allowed_hosts = allowed_hosts(host, self.port)
        # Bound to every interface (``--host 0.0.0.0``), the app is meant to be reached from
        # other machines by address: an IP literal cannot be rebound, a name can.
        self.wildcard = host in ("0.0.0.0", "::")

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{host_header(self.host, self.port)}/"

    def publish(self, outcome: Outcome, sources: dict[str, list[str]] | None = None) -> None:
        self.broadcast.publish(*outcome_event(outcome, sources, self._link))

    def _link(self, d: Diagnostic) -> str | None:
        return editor_link(self.editor_url, self.build.root / d.span.file, d.span.line,
                           d.span.column)

    def server_close(self) -> None:
        self.broadcast.close()
        super().server_close()


def _with_client(html: bytes) -> bytes:
    """Add the live-reload client (a file, so the page's CSP needs no 'unsafe-inline') and let
    it open the event stream on this server."""
    text = html.decode("utf-8")
    if CLIENT_PATH not in text:
        text = text.replace("</head>", f'<script src="{CLIENT_PATH}" defer></script></head>', 1)
    if "connect-src 'self'" not in text:
        text = text.replace("connect-src ", "connect-src 'self' ", 1)
    return text.encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: DevServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows rebuilds, not every request

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def _host_allowed(self) -> bool:
        """Whether the request names this server (one ``Host``, one of the allowed values)."""
        values = self.headers.get_all("Host") or []
        if len(values) != 1:
            return False
        value = values[0].strip().lower()
        return value in self.server.allowed_hosts or (
            self.server.wildcard and _ip_literal_host(value, self.server.port))

    def _refuse_host(self, head: bool) -> bool:
        """Answer 421 unless the request names this server; checked before anything else, for
        every path and method: a rebound name must learn nothing, nor reach a proxied API."""
        if self._host_allowed():
            return False
        self.close_connection = True
        self._send(HTTPStatus.MISDIRECTED_REQUEST,
                   b"appforge dev answers only http://127.0.0.1, localhost or [::1] "
                   b"with its port\n", "text/plain; charset=utf-8", head)
        return True

    def _other_method(self) -> None:
        """POST, PUT, PATCH, DELETE, OPTIONS: only proxied paths take them."""
        if self._refuse_host(False):
            return
        rule = proxy.find(self.server.build.proxy, urlsplit(self.path).path)
        if rule is not None:
            self._proxy(rule)
            return
        self.close_connection = True  # a body we did not read may follow
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"the dev server only serves the app (GET)\n",
                   "text/plain; charset=utf-8", extra=[("Allow", "GET, HEAD")])

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _other_method

    def do_GET(self, head: bool = False) -> None:
        if self._refuse_host(head):
            return
        path = urlsplit(self.path).path
        rule = proxy.find(self.server.build.proxy, path)
        if rule is not None:
            self._proxy(rule)
            return
        if path == EVENTS_PATH:
            self._events()
            return
        if path == CLIENT_PATH:
            self._send(HTTPStatus.OK, self.server.client_js, TYPES[".js"], head)
            return
        name = _file_name(path)
        data = self.server.build.file(name) if name is not None else None
        if data is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head)
            return
        if name == "index.html":
            data = _with_client(data)
        ext = posixpath.splitext(name or "")[1]
        kind = TYPES.get(ext) or mimetypes.guess_type(name or "")[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, data, kind, head)

    def _send(self, status: HTTPStatus | int, body: bytes, kind: str, head: bool = False,
              extra: list[tuple[str, str]] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in extra or []:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _proxy(self, rule: proxy.Rule) -> None:
        """Forward this request to the rule's API and relay its answer (streamed, so an API's
        own event stream works too); a 502 or 504 saying why when the API cannot answer."""
        head = self.command == "HEAD"
        plain = "text/plain; charset=utf-8"
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            self._send(HTTPStatus.LENGTH_REQUIRED, b"appforge dev: the proxy needs a "
                       b"Content-Length\n", plain)
            return
        raw_length = (self.headers.get("Content-Length") or "0").strip()
        if not raw_length.isdigit() or int(raw_length) > proxy.MAX_BODY:
            self.close_connection = True
            self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if raw_length.isdigit() else
                       HTTPStatus.BAD_REQUEST, b"appforge dev: bad or too large request body\n",
                       plain)
            return
        parts = urlsplit(self.path)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            answer = proxy.forward(rule, self.command, target, self.headers.items(), self.rfile,
                                   int(raw_length), self.client_address[0],
                                   self.headers.get("Host", ""))
        except OSError as exc:
            status, text = proxy.failure_text(rule, exc)
            self._send(status, text.encode("utf-8", "replace"), plain, head)
            return
        try:
            self.send_response_only(answer.status, answer.reason)
            for name, value in answer.headers:
                self.send_header(name, value)
            bodiless = head or answer.status in (204, 304) or answer.status < 200
            if answer.length is not None and (not bodiless or head):
                self.send_header("Content-Length", str(answer.length))
            chunked = answer.length is None and not bodiless
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if bodiless:
                answer.connection.close()
                return
            for chunk in answer.chunks():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                self.wfile.flush()
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # the API or the browser went away mid-answer
            answer.connection.close()

    def _events(self) -> None:
        broadcast = self.server.broadcast
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        self.close_connection = True
        with broadcast.condition:
            seen = broadcast.version
            name, data = broadcast.event
        try:
            if name == "errors":  # a page opened while the spec is broken shows the overlay
                self._event(name, data)
            else:
                self._event("hello", data)
            while True:
                with broadcast.condition:
                    broadcast.condition.wait_for(_changed_since(broadcast, seen), timeout=15)
                    if broadcast.closed:
                        return
                    changed = broadcast.version != seen
                    seen = broadcast.version
                    name, data = broadcast.event
                if changed:
                    self._event(name, data)
                else:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def _event(self, name: str, data: str) -> None:
        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
        self.wfile.flush()


def _changed_since(broadcast: Broadcast, version: int) -> Any:
    return lambda: broadcast.version != version or broadcast.closed


def _file_name(path: str) -> str | None:
    """The build file a URL path names, or None for anything that could not be one."""
    decoded = unquote(path)
    if "\x00" in decoded or "\\" in decoded or not decoded.startswith("/"):
        return None
    parts = decoded.split("/")
    if any(part in ("..", ".") for part in parts):
        return None
    name = posixpath.normpath(decoded).lstrip("/")
    return name or "index.html"
