"""Deploy fixtures: a project scaffolded from each template and built, and Debian's nginx
running the project's own nginx.conf on 127.0.0.1 (a free port, a temporary prefix, the
current user, in the foreground)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from appforge.pipeline import build
from appforge.scaffold import TEMPLATES, default_answers, scaffold

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


@dataclass
class Built:
    project: Path
    web: Path


@pytest.fixture(scope="session")
def built_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each template scaffolded with --no-input answers and built for the web, once."""
    out: dict[str, Built] = {}
    for template in TEMPLATES:
        root = tmp_path_factory.mktemp(f"new-{template}")
        project = scaffold(default_answers(f"my-{template}", template), root).path
        result = build(project, ["web"], project / "build")
        assert result.ok, [str(d) for d in result.diagnostics]
        out[template] = Built(project, project / "build" / "web")
    return out


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes


class Nginx:
    """nginx serving ``web`` with ``server_conf`` (the project's nginx.conf, its listen and
    root lines pointed at a free loopback port and the build) and the build's header file
    where the Dockerfile puts it (conf/appforge/headers.conf)."""

    def __init__(self, binary: str, prefix: Path, server_conf: str, web: Path) -> None:
        self.prefix = prefix
        conf = prefix / "conf"
        (conf / "appforge").mkdir(parents=True)
        for name in ("logs", "tmp"):
            (prefix / name).mkdir()
        shutil.copyfile(web / "_headers.nginx", conf / "appforge" / "headers.conf")
        self.port = _free_port()
        server = _replace_once(server_conf, "listen 80;", f"listen 127.0.0.1:{self.port};")
        server = _replace_once(server, "root /usr/share/nginx/html;", f"root {web};")
        (conf / "server.conf").write_text(server)
        temps = "".join(f"    {kind}_temp_path {prefix / 'tmp' / kind};\n"
                        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # One process (no master, no workers): it never switches user, so it reads the
        # build as whoever runs the tests.
        (conf / "nginx.conf").write_text(
            "daemon off;\nmaster_process off;\nworker_processes 1;\n"
            f"pid {prefix / 'logs' / 'nginx.pid'};\nerror_log {prefix / 'logs' / 'error.log'};\n"
            "events { worker_connections 64; }\n"
            "http {\n    include /etc/nginx/mime.types;\n"
            "    default_type application/octet-stream;\n    access_log off;\n"
            f"{temps}    include server.conf;\n}}\n")
        check = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf / "nginx.conf"),
                                "-e", str(prefix / "logs" / "error.log")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(
            [binary, "-p", str(prefix), "-c", str(conf / "nginx.conf"),
             "-e", str(prefix / "logs" / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _wait_for(self.port, self.process)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str) -> Reply:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as reply:
                return Reply(reply.status, reply.headers, reply.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()
            self.process.wait()


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"nginx.conf should hold {old!r} once"
    return text.replace(old, new)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited: {process.stderr.read().decode()}"
                                 if process.stderr else "nginx exited")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("nginx did not start listening within 10 s")


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    if NGINX is None:
        pytest.skip("Debian's nginx is not installed (scripts/test installs it: "
                    "apt-get install nginx)")
    return NGINX


@pytest.fixture
def nginx(nginx_binary: str, tmp_path: Path) -> Iterator[Callable[[Built], Nginx]]:
    started: list[Nginx] = []

    def start(built: Built) -> Nginx:
        conf = (built.project / "nginx.conf").read_text()
        server = Nginx(nginx_binary, tmp_path / f"nginx-{len(started)}", conf, built.web)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
