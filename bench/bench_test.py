"""Benchmark: `appforge test` on the todo example for each target, wall time split into build,
export, browser start and steps, against the same steps as a hand-written Playwright script in
the same run (same Chromium, same build, same export). The aim: appforge's overhead over the
hand-written script within 1.5x, the export excluded (both need it).

    python bench/bench_test.py [--runs 3] [--target web|mobile|all] [--node-modules DIR]

The journey is tests/journeys/todo/todo.journey.yaml's "add, tick, filter and restart";
the hand-written script below is the same steps, typed out with Playwright's API.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
TODO = ROOT.parent / "shared" / "examples" / "todo"
JOURNEYS = ROOT / "tests" / "journeys" / "todo"
PATTERN = "restart"


def hand_written(page: Any, target: str) -> None:
    """The journey's steps as a person would write them with Playwright."""
    from playwright.sync_api import expect

    def tid(name: str) -> Any:
        if target == "mobile":
            return page.locator(f'[data-testid="{name}"]:not([aria-hidden="true"] *)')
        return page.get_by_test_id(name)

    expect(tid("open-count").first).to_have_text("0 open of 0")
    expect(tid("add").first).to_be_disabled()
    tid("new-task").first.fill("Buy milk")
    expect(tid("add").first).to_be_enabled()
    tid("add").first.click()
    tid("new-task").first.fill("Walk the dog")
    tid("add").first.click()
    expect(tid("tasks-item")).to_have_count(2)
    expect(tid("open-count").first).to_have_text("2 open of 2")
    if target == "mobile":
        tid("done").nth(0).click()
        tid("filter").first.get_by_text("open", exact=True).click()
    else:
        tid("done").nth(0).check()
        tid("filter").first.select_option(label="open")
    expect(tid("open-count").first).to_have_text("1 open of 2")
    expect(page.get_by_text("Buy milk", exact=True)).to_be_hidden()
    expect(page.locator("body")).to_contain_text("Walk the dog")
    if target == "mobile":
        tid("filter").first.get_by_text("all", exact=True).click()
    else:
        tid("filter").first.select_option(label="all")
    page.reload()
    expect(tid("tasks-item")).to_have_count(2)
    expect(tid("open-count").first).to_have_text("1 open of 2")
    tid("nav-about").first.click()
    expect(page).to_have_title("About")
    expect(tid("about-text").first).to_have_text("Tasks are kept on this device.")


def run_hand_written(folder: Path, target: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from appforge.journeys.browser import StaticServer, find_chromium

    times: dict[str, float] = {}
    server = StaticServer(folder)
    try:
        clock = time.perf_counter()  # Playwright's driver process and Chromium, as appforge
        manager = sync_playwright()
        p = manager.start()
        try:
            browser = p.chromium.launch(executable_path=find_chromium())
            times["browser start"] = time.perf_counter() - clock
            clock = time.perf_counter()
            context = browser.new_context()
            page = context.new_page()
            page.goto(server.url)
            hand_written(page, target)
            context.close()
            times["steps"] = time.perf_counter() - clock
            browser.close()
        finally:
            manager.__exit__(None, None, None)
    finally:
        server.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--target", default="all", choices=["web", "mobile", "all"])
    parser.add_argument("--node-modules", default=None)
    args = parser.parse_args()
    # Both runners import Playwright; a standalone run of either pays it once (about 0.3 s).
    import playwright.sync_api  # noqa: F401

    from appforge.journeys import run
    from appforge.journeys.report import render_human
    from appforge.pipeline import build

    if not TODO.is_dir():
        sys.exit(f"{TODO} is not present")
    targets = ["web", "mobile"] if args.target == "all" else [args.target]
    modules = args.node_modules
    if "mobile" in targets and modules is None:
        modules = subprocess.run([str(ROOT / "scripts" / "install-mobile-deps")],
                                 capture_output=True, text=True, check=True
                                 ).stdout.strip().splitlines()[-1]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(f"todo example, journey '{PATTERN}', best of {args.runs} (seconds)")
        print(f"{'target':<8}{'runner':<14}{'build':>7}{'export':>8}{'browser':>9}"
              f"{'steps':>7}{'total*':>8}")
        for target in targets:
            best_af: dict[str, float] | None = None
            best_hw: dict[str, float] | None = None
            for _ in range(args.runs):
                result = run(TODO, targets=[target], pattern=PATTERN, journeys_dir=JOURNEYS,
                             out=out / "af", node_modules=modules, jest=False)
                assert result.ok, render_human(result)
                af = dict(result.timings)
                af["total*"] = sum(v for k, v in af.items() if k not in ("export", "jest"))
                if best_af is None or af["total*"] < best_af["total*"]:
                    best_af = af
                # The hand-written script needs the same build (and export) to run against.
                clock = time.perf_counter()
                built = build(TODO, [target], out / "hw")
                assert built.ok
                hw = {"build": time.perf_counter() - clock}
                folder = out / "hw" / "web"
                if target == "mobile":
                    from appforge.journeys.mobile import export_web, link_node_modules

                    link_node_modules(out / "hw" / "mobile", Path(modules).resolve())
                    clock = time.perf_counter()
                    folder = export_web(out / "hw" / "mobile", out / "hw" / "mobile-web")
                    hw["export"] = time.perf_counter() - clock
                hw.update(run_hand_written(folder, target))
                hw["total*"] = sum(v for k, v in hw.items() if k != "export")
                if best_hw is None or hw["total*"] < best_hw["total*"]:
                    best_hw = hw
            assert best_af is not None and best_hw is not None
            for name, t in (("appforge test", best_af), ("hand-written", best_hw)):
                print(f"{target:<8}{name:<14}{t.get('build', 0):7.2f}{t.get('export', 0):8.2f}"
                      f"{t.get('browser start', 0):9.2f}{t.get('steps', 0):7.2f}"
                      f"{t['total*']:8.2f}")
            print(f"{target:<8}overhead      {best_af['total*'] / best_hw['total*']:.2f}x "
                  f"(total*, export excluded; appforge's total also holds checking the spec "
                  f"and journeys: {best_af.get('check', 0):.2f} s)")


if __name__ == "__main__":
    main()
