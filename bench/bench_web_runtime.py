"""Benchmark: the generated web app's runtime against a hand-written vanilla JS page, in
headless Chromium, side by side, in the manner of js-framework-benchmark: create 1,000 rows,
update every 10th row, swap two rows, remove one, clear.

    python bench/bench_web_runtime.py [--runs 7]

Each operation is a state change (AppForge.set) for the app and the equivalent direct DOM work
for vanilla; the time runs until the DOM is updated and laid out. Figures: median of --runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

HERE = Path(__file__).parent / "runtime"

OPS = """
async (args) => {
  const [kind, op] = args;
  const app = kind === "app";
  const rows = (n, from, suffix) => Array.from({length: n}, (_, i) =>
      ({id: from + i, label: "row " + (from + i) + suffix}));
  const settle = async () => { await Promise.resolve(); await Promise.resolve();
                               return document.body.offsetHeight; };
  const get = () => app ? AppForge.g("rows") : null;
  const set = (next) => app ? AppForge.set("rows", next) : null;
  // Setup, not timed: each op starts from 1,000 rows (clear and create start empty).
  if (op !== "create") {
    const base = rows(1000, 1, "");
    if (app) { set(base); } else { window.bench.set(base); window.__rows = base; }
    await settle();
  } else {
    if (app) { set([]); } else { window.bench.clear(); }
    await settle();
  }
  const current = app ? get() : window.__rows;
  const t0 = performance.now();
  if (op === "create") {
    const next = rows(1000, 1, "");
    app ? set(next) : window.bench.set(next);
  } else if (op === "update") {
    const next = current.slice();
    for (let i = 0; i < next.length; i += 10) {
      next[i] = {id: next[i].id, label: next[i].label + " !!!"};
    }
    app ? set(next) : window.bench.update(next);
  } else if (op === "swap") {
    const next = current.slice(); const a = next[1]; next[1] = next[998]; next[998] = a;
    app ? set(next) : window.bench.swap(next);
  } else if (op === "remove") {
    app ? set(current.filter((r) => r.id !== 500)) : window.bench.remove(500);
  } else if (op === "clear") {
    app ? set([]) : window.bench.clear();
  }
  await settle();
  return performance.now() - t0;
}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from appforge.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        result = build(HERE, ["web"], Path(tmp) / "out")
        assert result.ok, [str(d) for d in result.diagnostics]
        app_url = (Path(tmp) / "out" / "web" / "index.html").as_uri()
        vanilla = Path(tmp) / "vanilla"
        vanilla.mkdir()
        for name in ("vanilla.html", "vanilla.js"):
            shutil.copy(HERE / name, vanilla / name)
        shutil.copy(Path(tmp) / "out" / "web" / "app.css", vanilla / "app.css")
        vanilla_url = (vanilla / "vanilla.html").as_uri()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or
                                        "/usr/bin/chromium")
            pages = {"app": browser.new_page(), "vanilla": browser.new_page()}
            pages["app"].goto(app_url)
            pages["app"].wait_for_function("window.AppForge && AppForge.app")
            pages["vanilla"].goto(vanilla_url)
            print(f"{'operation':10} {'appforge':>10} {'vanilla':>10} {'ratio':>7}")
            ratios = []
            for op in ("create", "update", "swap", "remove", "clear"):
                times: dict[str, list[float]] = {"app": [], "vanilla": []}
                for _ in range(args.runs):  # interleaved, so both see the same machine
                    for kind in ("app", "vanilla"):
                        times[kind].append(pages[kind].evaluate(OPS, [kind, op]))
                a, v = statistics.median(times["app"]), statistics.median(times["vanilla"])
                ratios.append(a / v)
                print(f"{op:10} {a:8.2f}ms {v:8.2f}ms {a / v:6.2f}x")
            print(f"{'geomean':10} {'':>10} {'':>10} {statistics.geometric_mean(ratios):6.2f}x")
            browser.close()


if __name__ == "__main__":
    main()
