"""Benchmark: `appforge dev`, from saving a spec file to the change shown in the open browser
(headless Chromium), for a typical example and for one page of the 300-page project; and the
rebuild alone (incremental check + render) for the same edits.

    python bench/bench_dev.py [--edits 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

ROOT = Path(__file__).parent.parent


def measure(project: Path, page_file: Path, marker: str, suffix: str, route: str, edits: int,
            browser) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Edit `marker + suffix` in page_file (the suffix makes it the visible text's
    occurrence) and wait until the page shows the new text."""
    from appforge.dev.loop import serve
    from appforge.dev.rebuild import Outcome

    outcomes: list[Outcome] = []
    ready = threading.Event()
    stop = threading.Event()
    holder = {}

    def on_ready(server) -> None:  # type: ignore[no-untyped-def]
        holder["url"] = server.url
        ready.set()

    thread = threading.Thread(target=serve, args=(project, "127.0.0.1", 0, {}, outcomes.append),
                              kwargs={"stop": stop, "ready": on_ready}, daemon=True)
    thread.start()
    ready.wait(120)
    page = browser.new_page()
    page.goto(holder["url"] + route)
    page.wait_for_function("m => document.body.innerText.includes(m)", arg=marker)
    seen: list[float] = []
    rebuilds: list[float] = []
    text = page_file.read_text()
    current = marker
    assert text.count(marker) >= 1
    for n in range(edits):
        new = f"{marker}{n}"
        text = text.replace(current + suffix, new + suffix, 1)
        current = new
        started = time.perf_counter()
        page_file.write_text(text)
        page.wait_for_function("m => document.body.innerText.includes(m)", arg=new,
                               timeout=30_000)
        seen.append(time.perf_counter() - started)
        rebuilds.append(outcomes[-1].seconds)
    page.close()
    stop.set()
    thread.join(10)
    return seen, rebuilds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or
                                    "/usr/bin/chromium")
        typical = Path(tmp) / "expenses"
        shutil.copytree(ROOT / "examples" / "expenses", typical)
        big = generate(Path(tmp) / "big", 300)
        cases = [("typical example (expenses)", typical, typical / "appforge.yaml",
                  "Expenses", "}", "#/"),
                 ("300-page project, one page", big, big / "pages" / "p000.yaml",
                  "Section 0x0", ":", "#/p000")]
        for label, project, page_file, marker, suffix, route in cases:
            seen, rebuilds = measure(project, page_file, marker, suffix, route, args.edits,
                                     browser)
            print(f"{label}: save -> shown in the browser median "
                  f"{statistics.median(seen) * 1000:.0f} ms (best {min(seen) * 1000:.0f}); "
                  f"rebuild median {statistics.median(rebuilds) * 1000:.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
