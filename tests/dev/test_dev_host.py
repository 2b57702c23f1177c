"""The dev server answers only requests that name it: DNS rebinding gets nothing.

A page of ``attacker.example`` whose name was rebound to 127.0.0.1 reaches the server with its
own name in ``Host``; it must read neither ``app.js`` (env values) nor the event stream (spec
source lines). Also: ``--host ::1`` serves over IPv6, and ``dev`` refuses what is not a
project and ports that are not ports.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.dev.rebuild import DevBuild
from appforge.dev.server import EVENTS_PATH, DevServer

runner = CliRunner()
SPEC = """appforge: 1
app: {name: T, id: com.example.t, env: {API: {default: "https://secret.example"}}}
pages:
  - id: home
    title: Home
    body:
      - {type: text, text: "hello {{ env.API }}"}
"""
PATHS = ["/", "/index.html", "/app.js", "/app.css", EVENTS_PATH, "/__appforge/dev.js",
         "/missing", "/../etc/passwd"]


def _project(tmp_path: Path, spec: str = SPEC) -> Path:
    (tmp_path / "appforge.yaml").write_text(spec)
    return tmp_path


def _start(root: Path, host: str) -> Iterator[DevServer]:
    build = DevBuild(root.resolve())
    outcome = build.rebuild()
    assert outcome.ok, outcome.diagnostics
    server = DevServer(build, host, 0)
    server.publish(outcome)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    yield from _start(_project(tmp_path_factory.mktemp("dev")), "127.0.0.1")


def _raw(server: DevServer, request: bytes, family: int = socket.AF_INET) -> bytes:
    """Send ``request`` as is (no client library adding a Host) and read the status line."""
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(server.server_address[:2])
        sock.sendall(request)
        return sock.recv(4096)


def _status(server: DevServer, path: str, host: str | None) -> int:
    lines = [f"GET {path} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {host}")
    lines.append("Connection: close")
    reply = _raw(server, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    return int(reply.split(b" ", 2)[1])


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("host", [
    "attacker.example:{port}", "attacker.example", "127.0.0.1.attacker.example:{port}",
    "localhost.attacker.example:{port}", "127.0.0.1:{other}", "localhost:{other}",
    "localhost", "127.0.0.1", "[::1]:{other}", "localhost.:{port}", "",
    "127.0.0.1:{port}@attacker.example", "0x7f000001:{port}", "2130706433:{port}",
    "127.1:{port}", "[::ffff:127.0.0.1]:{port}", "10.0.0.1:{port}",
])
def test_foreign_hosts_get_nothing(server: DevServer, path: str, host: str) -> None:
    port = server.port
    value = host.format(port=port, other=port + 1 if port < 65535 else port - 1)
    assert _status(server, path, value) == 421


@pytest.mark.parametrize("path", ["/app.js", EVENTS_PATH])
def test_missing_or_repeated_host_gets_nothing(server: DevServer, path: str) -> None:
    assert _status(server, path, None) == 421
    port = server.port
    twice = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: attacker.example:{port}"
             "\r\nConnection: close\r\n\r\n").encode()
    assert int(_raw(server, twice).split(b" ", 2)[1]) == 421


def test_the_refusal_carries_no_build_content(server: DevServer) -> None:
    reply = _raw(server, f"GET /app.js HTTP/1.1\r\nHost: evil.example:{server.port}\r\n"
                 "Connection: close\r\n\r\n".encode())
    assert b"421" in reply.split(b"\r\n", 1)[0]
    assert b"secret.example" not in reply and b"hello" not in reply


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}",
                                  "[::1]:{port}"])
@pytest.mark.parametrize("path", ["/", "/app.js"])
def test_loopback_names_with_the_port_are_served(server: DevServer, host: str,
                                                 path: str) -> None:
    assert _status(server, path, host.format(port=server.port)) == 200


def test_the_event_stream_opens_for_loopback(server: DevServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", EVENTS_PATH)  # http.client sends Host: 127.0.0.1:PORT
    response = conn.getresponse()
    assert response.status == 200
    assert response.readline().startswith(b"event: hello")
    conn.close()


def test_ipv6_loopback(tmp_path: Path) -> None:
    try:
        socket.socket(socket.AF_INET6).close()
    except OSError:
        pytest.skip("no IPv6 on this machine")
    for server in _start(_project(tmp_path), "::1"):
        assert server.url == f"http://[::1]:{server.port}/"
        conn = http.client.HTTPConnection("::1", server.port, timeout=10)
        conn.request("GET", "/app.js")  # Host: [::1]:PORT
        response = conn.getresponse()
        assert response.status == 200 and b"secret.example" in response.read()
        conn.close()
        reply = _raw(server, f"GET / HTTP/1.1\r\nHost: evil.example:{server.port}\r\n"
                     "Connection: close\r\n\r\n".encode(), socket.AF_INET6)
        assert b" 421 " in reply.split(b"\r\n", 1)[0]


def test_wildcard_bind_allows_addresses_not_names(tmp_path: Path) -> None:
    for server in _start(_project(tmp_path), "0.0.0.0"):
        port = server.port
        assert _status(server, "/", f"192.168.1.20:{port}") == 200
        assert _status(server, "/", f"192.168.1.20.attacker.example:{port}") == 421
        assert _status(server, "/", f"attacker.example:{port}") == 421
        assert _status(server, "/", f"192.168.1.20:{port + 1}") == 421


@pytest.mark.parametrize("target", ["/etc/hostname", "{tmp}/notes.txt", "{tmp}/x.yaml",
                                    "{tmp}/missing", "{tmp}/empty-dir"])
def test_dev_needs_a_project(tmp_path: Path, target: str) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    (tmp_path / "x.yaml").write_text(SPEC)
    (tmp_path / "empty-dir").mkdir()
    path = target.format(tmp=tmp_path)
    if not Path(path).exists() and "missing" not in path:
        pytest.skip(f"{path} is not on this machine")
    result = runner.invoke(app, ["dev", path, "--port", "0"])
    assert result.exit_code == 2, result.output
    assert "no project at" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("port", ["99999", "-1", "65536", "http", "1e3"])
def test_dev_port_must_be_a_port(tmp_path: Path, port: str) -> None:
    result = runner.invoke(app, ["dev", str(_project(tmp_path)), "--port", port])
    assert result.exit_code == 2, result.output
    assert "--port" in result.output


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    root = _project(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "appforge", "dev", str(root), "--port",
                               str(port)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert f"cannot serve on 127.0.0.1 port {port}" in proc.stderr
    assert "--port 0" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("host", ["192.0.2.1", "::2"])
def test_an_address_not_here_is_a_clear_error(tmp_path: Path, host: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "appforge", "dev", str(_project(tmp_path)),
                           "--port", "0", "--host", host], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "cannot serve on" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("host", ["", " "])
def test_an_empty_host_is_a_usage_error(tmp_path: Path, host: str) -> None:
    result = runner.invoke(app, ["dev", str(_project(tmp_path)), "--host", host])
    assert result.exit_code == 2 and "--host needs an address" in result.output


def test_dev_terminal_output_is_escaped_and_unwrapped(tmp_path: Path) -> None:
    keys = ", ".join(f"k{i}: 1" for i in range(60))
    (tmp_path / "appforge.yaml").write_text(
        "appforge: 1\napp: {name: T, id: com.example.t, " + keys + "}\npages:\n"
        "  - id: home\n    \"\\e]0;pwned\\a\\u202e\": 1\n    body: []\n")
    proc = subprocess.Popen([sys.executable, "-m", "appforge", "dev", str(tmp_path), "--port",
                             "0"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, env={**os.environ, "COLUMNS": "80"})
    try:
        assert proc.stderr is not None
        lines = []
        for line in proc.stderr:
            lines.append(line)
            if line.startswith("serving "):
                break
    finally:
        proc.terminate()
        proc.wait(30)
    text = "".join(lines)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b]0;pwned\\x07\\u202e" in text
    # The frame of the long line is one line (not wrapped at 80), its caret under 'k0'.
    source = next(line for line in lines if line.startswith("  2 | app:"))
    caret = lines[lines.index(source) + 1]
    assert source[caret.index("^"):].startswith("k0")
