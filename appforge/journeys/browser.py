"""Chromium through Playwright: finding the browser, serving a build, one page per journey.

One browser is started per run and shared by every journey (a fresh context each, so storage
starts empty). A missing Playwright or Chromium is a :class:`ToolMissing` with the command
that installs it, never a traceback.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', function (e) {"
    " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI); });")


class ToolMissing(Exception):
    """A tool the run needs is not installed; the message says how to install it."""


def find_chromium() -> str:
    """The Chromium to drive: $APPFORGE_CHROMIUM, else the first one on PATH."""
    given = os.environ.get("APPFORGE_CHROMIUM")
    if given:
        if not Path(given).exists():
            raise ToolMissing(f"APPFORGE_CHROMIUM={given} does not exist")
        return given
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    raise ToolMissing(
        "Chromium is not installed: appforge test drives Chromium through Playwright.\n"
        "  Debian/Ubuntu: sudo apt-get install -y chromium\n"
        "  macOS: brew install --cask chromium\n"
        "or point APPFORGE_CHROMIUM at a Chrome or Chromium executable.")


def outside_event_loop(work: Callable[[], None]) -> None:
    """Run ``work`` (which drives Playwright's sync API) where that API can run: it refuses a
    thread whose asyncio loop is running, as in a notebook or beside another sync Playwright
    (a test session's browser), so there it gets a thread of its own."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        work()
        return
    failure: list[BaseException] = []

    def guarded() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the caller's thread, raised there
            failure.append(exc)

    thread = threading.Thread(target=guarded, name="appforge-test-browser")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


class Browser:
    """One Chromium for the whole run."""

    def __init__(self, headed: bool = False) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise ToolMissing("Playwright is not installed: pip install 'appforge[test]' "
                              "(or pip install playwright)") from None
        executable = find_chromium()
        self._manager = sync_playwright()
        self._playwright = self._manager.start()
        try:
            self.browser = self._playwright.chromium.launch(
                executable_path=executable, headless=not headed,
                args=["--disable-background-networking", "--disable-component-update",
                      "--no-first-run", "--disable-sync", "--disable-gpu"])
        except Exception as exc:  # Playwright raises its own Error type
            self._manager.__exit__(None, None, None)
            raise ToolMissing(f"Chromium at {executable} did not start: "
                              f"{str(exc).splitlines()[0]}") from None

    def new_page(self) -> Page:
        context = self.browser.new_context()
        return Page(context)

    def close(self) -> None:
        try:
            self.browser.close()
        finally:
            self._manager.__exit__(None, None, None)


class Page:
    """A page in a fresh context that records console errors, page errors and CSP reports."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.page = context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.add_init_script(CSP_LISTENER)

    def _dialog(self, dialog: Any) -> None:
        self.errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        line = f"console {message.type}: {message.text}"
        self.console.append(line)
        # A failed request is the browser's report of a status the app handles (a mocked
        # 500, the export's missing favicon); the app's own errors are what count.
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.errors.append(line)

    def close(self) -> None:
        self.context.close()


class StaticServer:
    """A build folder served on 127.0.0.1 (a free port), in a thread."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # A short poll: shutdown() waits for the loop to notice (0.5 s by default).
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files and logs nothing (a test run or `appforge test` prints its own report).
    A path with no file and no extension gets index.html, as a single-page app's host does:
    the mobile web export's pages are paths (/recipe/2), which a reload asks the server for."""
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        found = super().translate_path(path)
        name = path.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        if not os.path.exists(found) and "." not in name:
            return super().translate_path("/index.html")
        return found
