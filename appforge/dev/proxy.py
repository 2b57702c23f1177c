"""Forward URL paths to a local API during development (``--proxy /api=http://127.0.0.1:9000``
or ``app.dev.proxy`` in the spec), so the app fetches ``/api/...`` from its own origin: no CORS
while developing, and the page's CSP (``connect-src 'self'``) allows it as it is.

Only loopback targets are accepted unless the user says ``--allow-remote-proxy``: a spec from
somewhere else must not turn ``appforge dev`` into a relay to other machines. The path is
forwarded unchanged (``/api/items`` goes to ``http://127.0.0.1:9000/api/items``, after any path
of the target), as Vite's and webpack's dev servers do by default.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from io import BufferedIOBase
from urllib.parse import urlsplit

# Headers that belong to one connection, not to the message (RFC 9110 7.6.1), and the ones the
# proxy sets itself.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailer", "transfer-encoding", "upgrade", "proxy-connection"}
RESERVED = "/__appforge"
TIMEOUT = 30.0  # seconds to wait for the API before a 504
MAX_BODY = 64 * 1024 * 1024  # a request body the proxy will forward


class ProxyError(ValueError):
    """A rule that cannot be used, with the reason (a sentence for the user)."""


@dataclass(frozen=True)
class Rule:
    prefix: str  # "/api"
    scheme: str
    host: str
    port: int
    base: str  # the target's own path, without a trailing "/"
    origin: str  # "http://127.0.0.1:9000", for messages and Location rewriting

    def matches(self, path: str) -> bool:
        return self.prefix == "/" or path == self.prefix or path.startswith(self.prefix + "/")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine without asking DNS: ``localhost`` (and names under
    ``.localhost``, RFC 6761) or a loopback address literal."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def parse_rule(prefix: str, target: str, allow_remote: bool = False) -> Rule:
    """A rule from a path prefix and a target URL, or ProxyError saying what is wrong."""
    if not prefix.startswith("/") or any(c.isspace() or c in "?#" for c in prefix):
        raise ProxyError(f"'{prefix}' is not a URL path: it starts with '/', such as /api")
    prefix = prefix.rstrip("/") or "/"
    if prefix == RESERVED or prefix.startswith(RESERVED + "/") or prefix == "/":
        raise ProxyError(f"'{prefix}' cannot be proxied: the dev server serves the app and "
                         "its own /__appforge/ paths there")
    parts = urlsplit(target.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProxyError(f"'{target}' is not an http(s) URL such as http://127.0.0.1:9000")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ProxyError(f"'{target}' may hold only scheme://host[:port][/path]")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ProxyError(f"'{target}' has no valid port number") from None
    if not allow_remote and not is_loopback(parts.hostname):
        raise ProxyError(f"'{target}' is not on this machine: only loopback targets "
                         "(localhost, 127.0.0.1, [::1]) are proxied unless "
                         "--allow-remote-proxy is given")
    host = parts.hostname
    shown_host = f"[{host}]" if ":" in host else host
    default = 443 if parts.scheme == "https" else 80
    origin = f"{parts.scheme}://{shown_host}" + ("" if port == default else f":{port}")
    return Rule(prefix, parts.scheme, host, port, parts.path.rstrip("/"), origin)


def parse_option(values: Iterable[str], allow_remote: bool = False) -> list[Rule]:
    """``--proxy PREFIX=URL`` values."""
    rules = []
    for item in values:
        prefix, sep, target = item.partition("=")
        if not sep:
            raise ProxyError(f"'{item}' is not PREFIX=URL, such as /api=http://127.0.0.1:9000")
        rules.append(parse_rule(prefix.strip(), target.strip(), allow_remote))
    return rules


def merge(option_rules: list[Rule], spec_rules: Mapping[str, str], allow_remote: bool
          ) -> tuple[list[Rule], list[str]]:
    """The rules in force: the command line's, then the spec's for other prefixes; the longest
    prefix first (``/api/v2`` before ``/api``). Also the problems of the spec's rules."""
    rules = {r.prefix: r for r in option_rules}
    problems = []
    for prefix, target in spec_rules.items():
        try:
            rule = parse_rule(prefix, target, allow_remote)
        except ProxyError as exc:
            problems.append(f"app.dev.proxy: {exc}")
            continue
        rules.setdefault(rule.prefix, rule)
    return sorted(rules.values(), key=lambda r: -len(r.prefix)), problems


def find(rules: Iterable[Rule], path: str) -> Rule | None:
    return next((r for r in rules if r.matches(path)), None)


class Forwarded:
    """What :func:`forward` learned: the status line and headers to send back and the body."""

    def __init__(self, status: int, reason: str, headers: list[tuple[str, str]],
                 response: http.client.HTTPResponse, connection: http.client.HTTPConnection
                 ) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers
        self.response = response
        self.connection = connection
        length = response.getheader("Content-Length")
        self.length = int(length) if length and length.isdigit() else None

    def chunks(self) -> Iterable[bytes]:
        try:
            while True:
                data = self.response.read1(65536)
                if not data:
                    return
                yield data
        finally:
            self.connection.close()


def forward(rule: Rule, method: str, target: str, headers: Iterable[tuple[str, str]],
            body: BufferedIOBase | None, length: int, client: str, host: str) -> Forwarded:
    """Send the request to the rule's target and return its response (headers sorted out:
    hop-by-hop ones dropped, ``Location`` on the target made relative to the dev server).
    OSError when the target cannot be reached or does not answer in time."""
    kind = http.client.HTTPSConnection if rule.scheme == "https" else http.client.HTTPConnection
    connection = kind(rule.host, rule.port, timeout=TIMEOUT)
    out: list[tuple[str, str]] = []
    named_in_connection = set()
    headers = list(headers)
    for name, value in headers:
        if name.lower() == "connection":
            named_in_connection |= {v.strip().lower() for v in value.split(",")}
    for name, value in headers:
        low = name.lower()
        if low in HOP_BY_HOP or low in named_in_connection or low in ("host", "content-length"):
            continue
        out.append((name, value))
    default = 443 if rule.scheme == "https" else 80
    shown = f"[{rule.host}]" if ":" in rule.host else rule.host
    out.append(("Host", shown if rule.port == default else f"{shown}:{rule.port}"))
    out += [("X-Forwarded-For", client), ("X-Forwarded-Host", host),
            ("X-Forwarded-Proto", "http")]
    data = body.read(length) if body is not None and length else b""
    try:
        connection.putrequest(method, rule.base + target, skip_host=True,
                              skip_accept_encoding=True)
        for name, value in out:
            connection.putheader(name, value)
        if data or method in ("POST", "PUT", "PATCH"):
            connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data or None)
        response = connection.getresponse()
    except (OSError, http.client.HTTPException) as exc:
        connection.close()
        raise OSError(str(exc) or type(exc).__name__) from exc
    back = []
    for name, value in response.getheaders():
        low = name.lower()
        if low in HOP_BY_HOP or low == "content-length":
            continue
        if low == "location" and value.startswith(rule.origin):
            value = value[len(rule.origin):] or "/"
        back.append((name, value))
    return Forwarded(response.status, response.reason, back, response, connection)


def failure_text(rule: Rule, exc: BaseException) -> tuple[int, str]:
    """The status (502, or 504 for a timeout) and the message a failed forward answers with."""
    reason = str(exc) or type(exc).__name__
    timeout = isinstance(exc, (TimeoutError, socket.timeout)) or "timed out" in reason
    if isinstance(exc.__cause__, ConnectionRefusedError) or "refused" in reason.lower():
        reason = "connection refused: is the API running?"
    status = 504 if timeout else 502
    return status, (f"appforge dev: the proxy for {rule.prefix} could not get an answer from "
                    f"{rule.origin}: {reason}\n")


def describe(rules: Iterable[Rule]) -> list[str]:
    return [f"{r.prefix}/* -> {r.origin}{r.base}{r.prefix}/*" for r in rules]
