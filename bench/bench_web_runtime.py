"""Benchmark: the generated web app's runtime against hand-written vanilla JS and against the
field (Svelte 5, Solid 1.9, Preact, built from the registry at bench time: bench/peers/), in
headless Chromium, interleaved, in the manner of js-framework-benchmark.

    python bench/bench_web_runtime.py [--runs 30] [--loads 30] [--peers svelte,solid,preact]

Three parts, all from one run on one machine:

1. Speed: create 1,000 rows, update every 10th row, swap two rows, remove one, clear. Each
   operation hands each app a new array of immutable records (AppForge.set for appforge,
   window.bench for the others; vanilla does the equivalent DOM work directly); the time runs
   until the DOM is updated and laid out. Median of --runs per app, the ratio to vanilla, and
   the geomean of the ratios. The apps take turns (the order rotates every sample), so every
   one sees the same machine.
2. Bytes: gzip -9 of HTML + CSS + JS, per file, for every example appforge ships and for the
   peers' to-do app.
3. First load of the to-do app: navigation start to the first list item (three stored tasks),
   warm (the files in the HTTP cache after a first visit), median of --loads, interleaved.

Every app is served over HTTP from 127.0.0.1. --peers '' runs appforge and vanilla only (no
npm needed). --before REF adds appforge as of a git commit ("before"), built from `git archive`
of that commit, to every part: a change measured against what it changes, in the same run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

BENCH = Path(__file__).parent
HERE = BENCH / "runtime"
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

OPS = """
async (args) => {
  const [kind, op] = args;
  const app = kind === "appforge" || kind === "before";
  const bench = window.bench;
  const rows = (n, from, suffix) => Array.from({length: n}, (_, i) =>
      ({id: from + i, label: "row " + (from + i) + suffix}));
  const settle = async () => { await Promise.resolve(); await Promise.resolve();
                               return document.body.offsetHeight; };
  const set = (next) => AppForge.set("rows", next);
  // Setup, not timed: each op starts from 1,000 rows (create starts empty).
  const base = op === "create" ? [] : rows(1000, 1, "");
  if (app) set(base); else bench.set(base);
  window.__rows = base;
  await settle();
  const current = window.__rows;
  let next = current;
  const t0 = performance.now();
  if (op === "create") {
    next = rows(1000, 1, "");
    app ? set(next) : bench.set(next);
  } else if (op === "update") {
    next = current.slice();
    for (let i = 0; i < next.length; i += 10) {
      next[i] = {id: next[i].id, label: next[i].label + " !!!"};
    }
    app ? set(next) : bench.update(next);
  } else if (op === "swap") {
    next = current.slice(); const a = next[1]; next[1] = next[998]; next[998] = a;
    app ? set(next) : bench.swap(next);
  } else if (op === "remove") {
    next = current.filter((r) => r.id !== 500);
    app ? set(next) : bench.remove(500);
  } else if (op === "clear") {
    next = [];
    app ? set(next) : bench.clear();
  }
  await settle();
  const took = performance.now() - t0;
  // Not timed: every app must show exactly the records it was given.
  const shown = Array.from(document.querySelectorAll("[data-testid=rows-item] a"),
                           (a) => a.textContent);
  const want = next.map((r) => r.label);
  if (shown.length !== want.length || shown.some((s, i) => s !== want[i])) {
    throw new Error(kind + " " + op + ": the DOM does not show the records");
  }
  return took;
}
"""

# Set before any script of the page runs: when the first list item shows up.
FIRST_ITEM = """
(() => {
  const seen = () => {
    if (window.__first === undefined && document.querySelector("[data-testid=tasks-item]")) {
      window.__first = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true});
})();
"""
TASKS = [{"title": f"Task {i}", "done": i == 2} for i in range(1, 4)]
TODO_KEYS = {"appforge": "appforge:com.example.tasks:tasks",
             "before": "appforge:com.example.tasks:tasks", "svelte": "peer-svelte:tasks",
             "solid": "peer-solid:tasks", "preact": "peer-preact:tasks"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def gzip_sizes(folder: Path) -> dict[str, int]:
    """gzip -9 bytes of each HTML, CSS and JS file an app ships."""
    return {str(p.relative_to(folder)): len(gzip.compress(p.read_bytes(), 9))
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".css", ".js")}


def examples() -> list[Path]:
    shared = ROOT.parent / "shared" / "examples"
    found = sorted((ROOT / "examples").glob("*/appforge.yaml"))
    if shared.is_dir():
        found += sorted(shared.glob("*/appforge.yaml"))
    return [p.parent for p in found]


def build_appforge(project: Path, out: Path) -> Path:
    from appforge.pipeline import build

    spec = (project / "appforge.yaml").read_text()
    env = {"API_URL": "https://api.example.test"} if "env:" in spec else None
    result = build(project, ["web"], out, env=env)
    assert result.ok, [str(d) for d in result.diagnostics]
    return out / "web"



def build_before(ref: str, project: Path, out: Path) -> Path:
    """Build a project with appforge as of git commit `ref` (its appforge/, templates/, specs/)."""
    import subprocess

    src = out.parent / f"appforge-{ref}"
    if not src.is_dir():
        src.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", ref, "appforge", "templates", "specs"],
                                 cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    spec = (project / "appforge.yaml").read_text()
    env = {"API_URL": "https://api.example.test"} if "env:" in spec else None
    code = ("import sys; from pathlib import Path; from appforge.pipeline import build; "
            f"r = build(Path({str(project)!r}), ['web'], Path({str(out)!r}), env={env!r}); "
            "sys.exit(0 if r.ok else 1)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=src,
                   env={**os.environ, "PYTHONPATH": str(src)})
    return out / "web"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="samples per operation and app")
    parser.add_argument("--loads", type=int, default=30, help="first loads per app")
    parser.add_argument("--peers", default="svelte,solid,preact",
                        help="comma-separated peers to build with npm ('' for none)")
    parser.add_argument("--before", default="",
                        help="also run appforge as of this git commit, as 'before'")
    parser.add_argument("--only", default="speed,bytes,load",
                        help="the parts to run: speed, bytes, load")
    args = parser.parse_args()
    parts = set(args.only.split(","))

    import peers as peer_builds
    from playwright.sync_api import sync_playwright

    names = [n for n in args.peers.split(",") if n]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        # appforge and vanilla: the rows app
        rows_web = build_appforge(HERE, tmp / "rows")
        shutil.copytree(rows_web, site / "appforge-rows")
        (site / "vanilla-rows").mkdir(parents=True)
        for name in ("vanilla.html", "vanilla.js"):
            shutil.copy(HERE / name, site / "vanilla-rows" / name)
        (site / "vanilla-rows" / "vanilla.html").rename(site / "vanilla-rows" / "index.html")
        shutil.copy(next(rows_web.glob("app.*.css")), site / "vanilla-rows" / "app.css")
        todo = ROOT.parent / "shared" / "examples" / "todo"
        todo_web = build_appforge(todo, tmp / "todo") if todo.is_dir() else None
        if todo_web:
            shutil.copytree(todo_web, site / "appforge-todo")
        ours = ["appforge"]
        if args.before:
            ours.append("before")
            shutil.copytree(build_before(args.before, HERE, tmp / "before-rows"),
                            site / "before-rows")
            if todo_web:
                shutil.copytree(build_before(args.before, todo, tmp / "before-todo"),
                                site / "before-todo")
        for name in names:
            pinned = ", ".join(f"{k} {v}" for k, v in peer_builds.versions(name).items())
            print(f"building {name} ({pinned})", flush=True)
            peer_builds.build(name, "rows", next(rows_web.glob("app.*.css")),
                              site / f"{name}-rows")
            if todo_web:
                peer_builds.build(name, "todo", next(todo_web.glob("app.*.css")),
                                  site / f"{name}-todo")

        server, base = serve(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or
                                        "/usr/bin/chromium")
            if "speed" in parts:
                speed(browser, base, [*ours, "vanilla", *names], args.runs)
            if "bytes" in parts:
                sizes(tmp, site, names + ours[1:])
            if "load" in parts and todo_web:
                first_load(browser, base, [*ours, *names], args.loads)
            browser.close()
        server.shutdown()


def speed(browser: object, base: str, kinds: list[str], runs: int) -> None:
    pages = {}
    for kind in kinds:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{base}/{kind}-rows/index.html")
        page.wait_for_function("window.AppForge && AppForge.app"
                               if kind in ("appforge", "before") else "window.bench")
        pages[kind] = page
    print(f"\nSpeed: median of {runs} samples (ms), ratio to vanilla in brackets")
    print(f"{'operation':10}" + "".join(f"{k:>18}" for k in kinds))
    ratios: dict[str, list[float]] = {k: [] for k in kinds}
    for op in ("create", "update", "swap", "remove", "clear"):
        times: dict[str, list[float]] = {k: [] for k in kinds}
        for i in range(runs):  # interleaved, the order rotating, so all see the same machine
            for kind in kinds[i % len(kinds):] + kinds[:i % len(kinds)]:
                pages[kind].bring_to_front()
                times[kind].append(pages[kind].evaluate(OPS, [kind, op]))
        med = {k: statistics.median(v) for k, v in times.items()}
        cells = []
        for k in kinds:
            ratios[k].append(med[k] / med["vanilla"])
            cells.append(f"{med[k]:8.2f} ({med[k] / med['vanilla']:4.2f}x)")
        print(f"{op:10}" + "".join(f"{c:>18}" for c in cells), flush=True)
    print(f"{'geomean':10}" + "".join(
        f"{statistics.geometric_mean(ratios[k]):>17.2f}x" for k in kinds))
    for page in pages.values():
        page.close()


def sizes(tmp: Path, site: Path, names: list[str]) -> None:
    print("\nBytes shipped (gzip -9 of each HTML, CSS and JS file, summed)")
    for project in examples():
        try:
            web = build_appforge(project, tmp / "examples" / project.name)
        except AssertionError as err:
            print(f"  {project.name:12} not built: {err}")
            continue
        per = gzip_sizes(web)
        detail = ", ".join(f"{k} {v}" for k, v in per.items())
        print(f"  appforge {project.name:12} {sum(per.values()):6}  ({detail})")
    for name in names:
        per = gzip_sizes(site / f"{name}-todo")
        if per:
            print(f"  {name:8} {'todo':12} {sum(per.values()):6}  "
                  f"({', '.join(f'{k} {v}' for k, v in per.items())})")


def first_load(browser: object, base: str, kinds: list[str], loads: int) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(FIRST_ITEM)
    page = context.new_page()
    for kind in kinds:  # store the tasks, then a first visit fills the HTTP cache
        url = f"{base}/{kind}-todo/index.html"
        page.goto(url)
        page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                      [TODO_KEYS[kind], json.dumps(TASKS)])
        page.goto(url)
        page.wait_for_function("window.__first !== undefined")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    for i in range(loads):
        for kind in kinds[i % len(kinds):] + kinds[:i % len(kinds)]:
            page.goto(f"{base}/{kind}-todo/index.html")
            page.wait_for_function("window.__first !== undefined")
            times[kind].append(page.evaluate("window.__first"))
    print(f"\nFirst load of the to-do app: navigation start to the first list item, warm, "
          f"median of {loads} (ms)")
    for kind in kinds:
        print(f"  {kind:10} {statistics.median(times[kind]):7.1f}")
    context.close()


if __name__ == "__main__":
    main()
