"""Browser fixtures: Debian's Chromium driven by Playwright, static and REST servers on
127.0.0.1, and builds of the examples made once per session."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from appforge.journeys.browser import QuietHandler, StaticServer  # what appforge test serves with
from appforge.pipeline import build

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared" / "examples"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_configure(config: pytest.Config) -> None:
    # Without ../shared the shared examples' snapshot cases are not collected; their stored
    # snapshots are then unused, which syrupy would count as a failure. Warn instead, so the
    # suite passes where the contract apps are absent (their tests skip, saying why).
    if not SHARED.is_dir():
        config.option.warn_unused_snapshots = True


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-sync", "--disable-gpu"])
        yield b
        b.close()


class Page:
    """A page that records console errors, page errors, CSP violations and dialogs."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', function (e) {"
            " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI); });")

    def testid(self, name: str) -> Any:
        return self.page.get_by_test_id(name)

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture
def web_page(chromium: Any) -> Iterator[Page]:
    context = chromium.new_context()
    page = Page(context.new_page())
    yield page
    context.close()


class Api:
    """A scripted JSON API on 127.0.0.1: `routes[(method, path)] = (status, body)`."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], tuple[int, Any]] = {}
        self.requests: list[tuple[str, str, Any]] = []
        api = self

        class Handler(QuietHandler):
            def _reply(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else None
                api.requests.append((self.command, self.path, json.loads(body) if body else None))
                status, reply = api.routes.get((self.command, self.path), (404, {"error": "no"}))
                data = reply.encode() if isinstance(reply, str) else json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_OPTIONS(self) -> None:
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                self.end_headers()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _reply

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def api() -> Iterator[Api]:
    server = Api()
    yield server
    server.close()


@pytest.fixture(scope="session")
def build_web(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Build a project's web target once per (project, env); returns the web folder."""
    cache: dict[tuple[str, str], Path] = {}

    def make(project: Path, env: dict[str, str] | None = None) -> Path:
        key = (str(project), json.dumps(env or {}, sort_keys=True))
        if key not in cache:
            out = tmp_path_factory.mktemp("build")
            result = build(project, ["web"], out, env)
            assert result.ok, [str(d) for d in result.diagnostics]
            cache[key] = out / "web"
        return cache[key]

    return make


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    servers: list[StaticServer] = []

    def start(folder: Path) -> str:
        server = StaticServer(folder)
        servers.append(server)
        return server.url

    yield start
    for s in servers:
        s.close()



@pytest.fixture
def same_path_each_run() -> Iterator[Path]:
    """An empty folder at the same path for each test that asks for it (per pytest worker),
    where tmp_path is new every time.

    For generated Expo projects run under jest: jest's transform cache is keyed by the
    project's absolute path, so at a new path every run compiled React Native through babel
    again (about 30 s of CPU a run, against 4 s with the cache). A folder is taken under a
    lock, so two test sessions on one machine never share one; the next test to use it
    empties it first (what a failed test left is there to look at until then)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    base = Path(tempfile.gettempdir()) / f"appforge-tests-{os.getuid()}"
    base.mkdir(exist_ok=True)
    for slot in range(16):
        folder = base / f"{worker}-{slot}"
        lock = open(base / f"{worker}-{slot}.lock", "w")  # noqa: SIM115 (held while in use)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            yield folder
        finally:
            lock.close()
        return
    raise RuntimeError(f"every folder under {base} is in use")

def shared_example(name: str) -> Path:
    path = SHARED / name
    if not path.is_dir():
        pytest.skip(f"../shared/examples/{name} is not present here")
    return path


def split_app_js(text: str) -> tuple[str, str]:
    """A generated app.js as (the runtime, the app's own code)."""
    at = text.index("// Generated by appforge")
    return text[:at], text[at:]
