"""Benchmark: `build` of the 300-page, 20,000-component project for each target against the
libyaml parse floor, side by side in one run; bytes shipped (gzip) for each example.

    python bench/bench_build.py [--runs 3] [--pages 300]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

ROOT = Path(__file__).parent.parent


def best(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _tsc_time(project: Path, runs: int) -> None:
    """`tsc --noEmit` (strict) on a typical example's mobile project."""
    import subprocess

    from appforge.pipeline import build

    proc = subprocess.run([str(ROOT / "scripts" / "install-mobile-deps")], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        print("tsc: npm packages not available")
        return
    node_modules = Path(proc.stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as tmp:
        build(project, ["mobile"], Path(tmp))
        mobile = Path(tmp) / "mobile"
        (mobile / "node_modules").symlink_to(node_modules)
        took = best(lambda: subprocess.run([str(node_modules / ".bin" / "tsc"), "--noEmit", "-p",
                                            str(mobile)], check=True), runs)
        print(f"tsc --noEmit on {project.name}'s mobile project {took * 1000:8.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()

    from appforge.pipeline import build, compile_project
    from appforge.targets import RenderOptions, available_targets, get_target

    with tempfile.TemporaryDirectory() as tmp:
        project = generate(Path(tmp) / "bench", args.pages)
        files = sorted(project.rglob("*.yaml"))
        floor = best(lambda: [yaml.load(f.read_text(), Loader=yaml.CSafeLoader) for f in files],
                     args.runs)
        print(f"libyaml parse floor        {floor * 1000:8.0f} ms")
        for target in available_targets():
            try:
                get_target(target)
            except ImportError:
                print(f"{target}: not installed")
                continue
            out = Path(tmp) / "out"
            took = best(lambda t=target, o=out: build(project, [t], o), args.runs)  # type: ignore[misc]
            result = build(project, [target], out)
            size = sum(o.bytes for o in result.outputs)
            print(f"build --target {target:7} {took * 1000:8.0f} ms   {took / floor:5.2f}x floor"
                  f"   ({size / 1e6:.1f} MB written)")
    _tsc_time(ROOT / "examples" / "expenses", args.runs)
    print("\nbytes shipped (web, gzip -9, all files):")
    examples = sorted((ROOT / "examples").glob("*/appforge.yaml"))
    shared = ROOT.parent / "shared" / "examples"
    examples += sorted(shared.glob("*/appforge.yaml")) if shared.is_dir() else []
    for spec in examples:
        app, _ = compile_project(spec.parent, {"API_URL": "https://api.example.test"}
                                 if "env:" in spec.read_text() else None)
        if app is None:
            continue
        rendered = get_target("web").render(app, RenderOptions())
        total = sum(len(gzip.compress(b, 9)) for b in rendered.values())
        print(f"  {spec.parent.name:10} {total:7,d} bytes")


if __name__ == "__main__":
    main()
