"""The dev server: the last good build from memory, plus a live-reload event stream.

Files are looked up by name in the in-memory build, never on disk, so no request can reach a
file outside the build: ``..`` in any encoding, absolute paths and symlinks simply name no
file (404). It binds 127.0.0.1 unless told otherwise, and answers only requests whose
``Host`` names it (a loopback name or the address it was told to bind, with its port): a page
of another site whose name was rebound to 127.0.0.1 (DNS rebinding) gets 421 for every path,
so it can read neither ``app.js`` (env values) nor the event stream (spec source lines).
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import posixpath
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from appforge.dev.rebuild import DevBuild, Outcome
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


def outcome_event(outcome: Outcome, sources: dict[str, list[str]] | None = None
                  ) -> tuple[str, str]:
    """The event a rebuild sends: 'reload' after a good build, 'errors' with diagnostics."""
    if outcome.ok:
        return "reload", json.dumps({"generation": outcome.generation})
    errors = [d for d in outcome.diagnostics if d.is_error]
    items = []
    for d in errors[:MAX_OVERLAY]:
        lines = (sources or {}).get(d.span.file, [])
        frame, caret = _frame(lines, d.span.line, d.span.column)
        items.append({"file": d.span.file, "line": d.span.line, "column": d.span.column,
                      "code": d.code, "message": _clip(d.message),
                      "hint": _clip(d.hint) if d.hint else d.hint, "frame": frame,
                      "caret": caret})
    return "errors", json.dumps({"diagnostics": items, "total": len(errors)})


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

    def __init__(self, build: DevBuild, host: str = "127.0.0.1", port: int = 0) -> None:
        self.build = build
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
        self.broadcast.publish(*outcome_event(outcome, sources))

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

    def do_GET(self, head: bool = False) -> None:
        if not self._host_allowed():
            # Checked before anything else, for every path: a rebound name must learn nothing.
            self.close_connection = True
            self._send(HTTPStatus.MISDIRECTED_REQUEST,
                       b"appforge dev answers only http://127.0.0.1, localhost or [::1] "
                       b"with its port\n", "text/plain; charset=utf-8", head)
            return
        path = urlsplit(self.path).path
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

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

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
