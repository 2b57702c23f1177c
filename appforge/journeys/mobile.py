"""The mobile target's side of a run: the npm install, the Expo web export, the journeys as a
jest test (native behaviour) and as Maestro flows (for people with devices)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from appforge import ir
from appforge.journeys.browser import ToolMissing
from appforge.journeys.jest import jest_file
from appforge.journeys.maestro import maestro_flows
from appforge.journeys.model import Journey
from appforge.journeys.runner import Failure, JourneyResult

NODE_HINT = ("install Node.js 22 (https://nodejs.org/en/download, or `apt-get install nodejs "
             "npm` where that gives 22+)")


def find_node_modules(root: Path, given: str | Path | None) -> Path:
    """The Expo project's npm packages: --node-modules, $APPFORGE_NODE_MODULES, or the
    project's own build/mobile/node_modules (after `npm install` there)."""
    if shutil.which("node") is None:
        raise ToolMissing(f"Node.js is not installed: the mobile journeys need it; {NODE_HINT}")
    for candidate in (given, os.environ.get("APPFORGE_NODE_MODULES"),
                      root / "build" / "mobile" / "node_modules"):
        if candidate and (Path(candidate) / ".bin" / "expo").exists():
            return Path(candidate).resolve()
    raise ToolMissing(
        "the mobile build's npm packages are not installed: run `appforge build --target "
        "mobile && (cd build/mobile && npm install)` once, or pass --node-modules DIR "
        "(or set APPFORGE_NODE_MODULES) to an install of the same package.json; "
        "or run `appforge test --target web`")


def link_node_modules(mobile: Path, modules: Path) -> None:
    link = mobile / "node_modules"
    if link.is_symlink() or link.exists():
        if link.resolve() == modules:
            return
        if link.is_symlink():
            link.unlink()
        else:
            return  # a real install kept over the rebuild: use it
    link.symlink_to(modules, target_is_directory=True)


def export_web(mobile: Path, dest: Path) -> Path:
    """`expo export --platform web`: the mobile app bundled with react-native-web. An export
    of the same build (by its manifest's hash) is reused: the export is the slow part."""
    import hashlib

    manifest = (mobile / "build.json").read_bytes()
    marker = dest / ".appforge-export"
    digest = hashlib.sha256(manifest).hexdigest()
    if marker.is_file() and marker.read_text() == digest and (dest / "index.html").is_file():
        return dest
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "expo"), "export",
                           "--platform", "web", "--output-dir", str(dest)],
                          cwd=mobile, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "CI": "1"})
    if proc.returncode != 0:
        raise ToolMissing("expo export --platform web failed:\n"
                          + (proc.stdout + proc.stderr).strip()[-2000:])
    marker.write_text(digest)
    return dest


def write_maestro(mobile: Path, app: ir.App, journeys: list[Journey]) -> list[Path]:
    """One Maestro flow per journey in the mobile build's .maestro/ folder."""
    folder = mobile / ".maestro"
    written = []
    for name, text in maestro_flows(app, journeys).items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def run_jest(mobile: Path, journeys: list[Journey], app: ir.App) -> list[JourneyResult]:
    """The journeys as one jest test file in the Expo project, run with the project's jest."""
    tests = mobile / "__tests__"
    tests.mkdir(exist_ok=True)
    (tests / "journeys.test.tsx").write_text(jest_file(app, journeys), encoding="utf-8")
    report = mobile / "jest-journeys.json"
    clock = time.perf_counter()
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "jest"), "--ci",
                           "--testTimeout=120000", "--json", f"--outputFile={report}",
                           "__tests__/journeys.test.tsx"],
                          cwd=mobile, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - clock
    outcomes: dict[str, tuple[str, str]] = {}
    if report.is_file():
        data = json.loads(report.read_text(encoding="utf-8"))
        for suite in data.get("testResults", []):
            for test in suite.get("assertionResults", []):
                outcomes[test["title"]] = (test["status"],
                                           "\n".join(test.get("failureMessages") or []))
    results = []
    for journey in journeys:
        status, message = outcomes.get(journey.title, ("failed", (proc.stdout + proc.stderr)
                                                       .strip()[-1500:] or "jest did not run"))
        result = JourneyResult(journey, "native", seconds=seconds / max(len(journeys), 1))
        if status == "failed":
            result.failure = _jest_failure(journey, message)
        results.append(result)
    return results


def _jest_failure(journey: Journey, message: str) -> Failure:
    """The generated test prefixes an error with the step's file:line:col; find that step."""
    from appforge.journeys.jest import strip_ansi

    text = strip_ansi(message)
    for step in journey.steps:
        marker = f"[{step.span}] "
        if marker in text:
            detail = [ln.strip() for ln in text.split(marker, 1)[1].splitlines() if ln.strip()]
            detail = [ln for ln in detail if not ln.startswith("at ")]
            expected = _after(detail, ("Expected",)) or (detail[0] if detail else "")
            seen = _after(detail, ("Received", "Actual")) or "see the message"
            return Failure(step, expected, seen, console=detail[:12])
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return Failure(None, "the journey to run under jest", lines[0] if lines else "a failure",
                   console=lines[:12])


def _after(lines: list[str], heads: tuple[str, ...]) -> str | None:
    """The value of jest's `Expected ...: value` (on the line or the next one)."""
    for i, line in enumerate(lines):
        if line.startswith(heads):
            value = line.split(":", 1)[1].strip() if ":" in line else ""
            if not value and i + 1 < len(lines):
                value = lines[i + 1]
            return value
    return None
