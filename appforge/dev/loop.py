"""The dev loop: first build, serve, then rebuild and notify on every change."""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from appforge.dev.proxy import Rule
from appforge.dev.rebuild import DevBuild, Outcome
from appforge.dev.server import DEFAULT_EDITOR_URL, DevServer

IGNORED_DIRS = {"build", ".appforge", ".git", "node_modules", "__pycache__", ".venv"}
WATCHED_SUFFIXES = {".yaml", ".yml", ".json"}


def spec_filter(root: Path) -> Callable[[object, str], bool]:
    """Changes that can affect the build: spec files, data/ and assets/, not build output."""
    root = root.resolve()

    def accept(_change: object, path: str) -> bool:
        try:
            rel = Path(path).resolve().relative_to(root)
        except ValueError:
            return False
        if any(part in IGNORED_DIRS for part in rel.parts):
            return False
        return rel.parts[:1] == ("assets",) or Path(path).suffix in WATCHED_SUFFIXES

    return accept


def sources_for(root: Path, outcome: Outcome) -> dict[str, list[str]]:
    """The lines of the files the diagnostics point at, for the overlay's code frames."""
    from appforge.loader.project import source_reader

    read = source_reader(root)  # never blocks on a FIFO, never reads past the size limit
    out: dict[str, list[str]] = {}
    for d in outcome.diagnostics:
        if d.span.file not in out:
            out[d.span.file] = (read(d.span.file) or "").splitlines()
    return out


def serve(root: Path, host: str, port: int, env: Mapping[str, str],
          report: Callable[[Outcome], None], open_browser: bool = False,
          stop: threading.Event | None = None, ready: Callable[[DevServer], None] | None = None,
          proxy: Sequence[Rule] = (), allow_remote_proxy: bool = False,
          editor_url: str | None = DEFAULT_EDITOR_URL) -> None:
    """Run the dev session until ``stop`` is set, or Ctrl-C (a KeyboardInterrupt, raised
    after the server is shut down: the caller says so in its own words)."""
    from watchfiles import watch

    build = DevBuild(root.resolve(), env, proxy_options=list(proxy),
                     allow_remote_proxy=allow_remote_proxy)
    # Bind first: a port in use is reported before the user waits for a build.
    server = DevServer(build, host, port, editor_url=editor_url)
    try:
        outcome = build.rebuild()
        report(outcome)
    except BaseException:
        server.server_close()
        raise
    server.publish(outcome, sources_for(build.root, outcome))
    thread = threading.Thread(target=server.serve_forever, name="appforge-dev", daemon=True)
    thread.start()
    if ready is not None:
        ready(server)
    if open_browser:
        webbrowser.open(server.url)
    stop = stop or threading.Event()
    try:
        for _changes in watch(build.root, watch_filter=spec_filter(build.root), debounce=50,
                              step=20, stop_event=stop, raise_interrupt=True):
            was_broken = not outcome.ok
            outcome = build.rebuild()
            report(outcome)
            # Fixing a broken spec may give the very build that is being served: the pages
            # still need the news, to drop their overlay.
            if not outcome.ok or outcome.changed or was_broken:
                server.publish(outcome, sources_for(build.root, outcome))
    finally:
        server.shutdown()
        server.server_close()
