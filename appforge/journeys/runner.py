"""`appforge test` as a library: build, then run every journey on every target.

Targets: ``web`` (the web build in Chromium), ``mobile`` (the Expo build exported for the web
with react-native-web, in the same Chromium, plus the journeys as a jest +
@testing-library/react-native test inside the Expo project, for native behaviour). Maestro flows
for the same journeys are written into the mobile build (``.maestro/``) for people with devices.
"""

from __future__ import annotations

import fnmatch
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from appforge import ir
from appforge.diagnostics import Diagnostic
from appforge.journeys.browser import Browser, StaticServer, ToolMissing, outside_event_loop
from appforge.journeys.driver import Driver, StepFailed
from appforge.journeys.model import Journey, Step

TARGETS = ("web", "mobile")


@dataclass
class Failure:
    """Where a journey failed and what a person needs to act on it."""

    step: Step | None  # None: the journey's steps passed, the page reported errors
    expected: str
    seen: str
    screenshot: Path | None = None
    console: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return str(self.step.span) if self.step else ""


@dataclass
class JourneyResult:
    journey: Journey
    target: str  # web, mobile (the web export) or native (jest)
    failure: Failure | None = None
    seconds: float = 0.0
    skipped: str | None = None

    @property
    def passed(self) -> bool:
        return self.failure is None


@dataclass
class JourneyRun:
    """What a run found: diagnostics (spec and journeys), results, and where time went."""

    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    results: list[JourneyResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    artifacts: Path | None = None
    problem: str | None = None  # a tool is missing: the message says how to install it
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None and not any(d.is_error for d in self.diagnostics) and \
            all(r.passed for r in self.results)

    @property
    def exit_code(self) -> int:
        if self.problem is not None:
            return 2
        return 0 if self.ok else 1


def run(path: str | Path, targets: Sequence[str] = TARGETS, pattern: str | None = None,
        headed: bool = False, out: str | Path | None = None,
        journeys_dir: str | Path | None = None, node_modules: str | Path | None = None,
        env: Mapping[str, str] | None = None, jest: bool = True,
        timeout: int | None = None) -> JourneyRun:
    """Build the project and run its journeys (generated smoke journeys when it has none).

    ``pattern`` keeps journeys whose ``file::name`` contains it (or matches it as a glob);
    ``out`` is where the builds, exports and failure screenshots go (default PATH/build/test).
    """
    from appforge.journeys import check

    clock = time.perf_counter()
    checked = check(path, journeys_dir, env)
    result = JourneyRun(checked.result.root, list(checked.diagnostics), texts=checked.texts)
    result.timings["check"] = time.perf_counter() - clock
    app = checked.result.app
    if checked.has_errors or app is None:
        return result
    journeys = checked.journeys
    smoke = not checked.files
    if smoke:
        from appforge.journeys.smoke import smoke_journeys

        journeys = smoke_journeys(app)
    journeys = [j for j in journeys if _selected(j, pattern)]
    if not journeys:
        result.problem = f"no journey matches -k {pattern!r}"  # a usage error, as pytest's
        return result
    out_root = Path(out) if out is not None else result.root / "build" / "test"
    result.artifacts = out_root / "artifacts"
    try:
        _run_targets(path, app, journeys, targets, out_root, result, headed, node_modules,
                     env, jest, smoke, timeout)
    except ToolMissing as exc:
        result.problem = str(exc)
    return result


def _selected(journey: Journey, pattern: str | None) -> bool:
    if not pattern:
        return True
    title = journey.title.lower()
    return pattern.lower() in title or fnmatch.fnmatch(title, pattern.lower()) or \
        fnmatch.fnmatch(journey.name.lower(), pattern.lower())


def _run_targets(path: str | Path, app: ir.App, journeys: list[Journey],
                 targets: Sequence[str], out_root: Path, result: JourneyRun, headed: bool,
                 node_modules: str | Path | None, env: Mapping[str, str] | None, jest: bool,
                 smoke: bool, timeout: int | None) -> None:
    from appforge.pipeline import build

    clock = time.perf_counter()
    built = build(path, list(targets), out_root, env)
    result.timings["build"] = time.perf_counter() - clock
    result.diagnostics.extend(d for d in built.diagnostics if d not in result.diagnostics)
    if not built.ok:
        return
    sites: list[tuple[str, Path]] = []
    if "web" in targets:
        sites.append(("web", out_root / "web"))
    mobile_jobs = None
    if "mobile" in targets:
        from appforge.journeys import mobile

        mobile_dir = out_root / "mobile"
        mobile_journeys = [j for j in journeys if "mobile" in j.targets]
        mobile.write_maestro(mobile_dir, app, mobile_journeys)
        try:
            modules = mobile.find_node_modules(result.root, node_modules)
            mobile.link_node_modules(mobile_dir, modules)
            clock = time.perf_counter()
            sites.append(("mobile", mobile.export_web(mobile_dir, out_root / "mobile-web")))
            result.timings["export"] = time.perf_counter() - clock
            if jest and mobile_journeys and not smoke:
                mobile_jobs = (mobile_dir, mobile_journeys)
        except ToolMissing as exc:
            if not sites:
                raise
            result.problem = str(exc)  # the web journeys still run; the exit code says 2
    def drive() -> None:
        clock = time.perf_counter()
        browser = Browser(headed=headed)
        result.timings["browser start"] = time.perf_counter() - clock
        clock = time.perf_counter()
        try:
            for target, folder in sites:
                server = StaticServer(folder)
                try:
                    for journey in journeys:
                        if target not in journey.targets:
                            continue
                        result.results.append(_run_one(browser, app, journey, target,
                                                       server.url, result.artifacts or out_root,
                                                       smoke, timeout))
                finally:
                    server.close()
        finally:
            browser.close()
        result.timings["steps"] = time.perf_counter() - clock

    outside_event_loop(drive)
    if mobile_jobs is not None:
        from appforge.journeys import mobile

        clock = time.perf_counter()
        result.results.extend(mobile.run_jest(*mobile_jobs, app))
        result.timings["jest"] = time.perf_counter() - clock


def _run_one(browser: Browser, app: ir.App, journey: Journey, target: str, base: str,
             artifacts: Path, smoke: bool, timeout: int | None) -> JourneyResult:
    clock = time.perf_counter()
    page = browser.new_page()
    outcome = JourneyResult(journey, target)
    driver = Driver(page, app, base, target, **({"timeout": timeout} if timeout else {}))
    failed_step: Step | None = None
    try:
        try:
            for step in journey.steps:
                failed_step = step
                driver.step(step)
            failed_step = None
            driver.start()
            if smoke:
                from appforge.journeys.smoke import audit

                problems = audit(page, target)
                if problems:
                    outcome.failure = Failure(None, "no accessibility violations",
                                              "; ".join(problems))
            if page.errors and outcome.failure is None:
                outcome.failure = Failure(None, "no console errors, page errors or CSP "
                                          "violations", "; ".join(page.errors[:5]))
        except StepFailed as exc:
            outcome.failure = Failure(failed_step, exc.expected, exc.seen)
        except Exception as exc:  # Playwright's errors: a click that timed out, ...
            if type(exc).__module__.startswith("playwright") or isinstance(exc, KeyError):
                outcome.failure = Failure(failed_step, f"to {_verb(failed_step)}",
                                          _first_line(exc))
            else:
                raise
        if outcome.failure is not None:
            outcome.failure.console = list(page.console[-20:])
            outcome.failure.screenshot = _screenshot(page, artifacts, journey, target)
    finally:
        page.close()
    outcome.seconds = time.perf_counter() - clock
    return outcome


def _verb(step: Step | None) -> str:
    if step is None:
        return "finish"
    return f"{step.kind.replace('_', ' ')} {step.value!s}" if step.value is not None \
        else step.kind


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("=")]
    return (lines[0] if lines else type(exc).__name__)[:300]


def _screenshot(page: object, artifacts: Path, journey: Journey, target: str) -> Path | None:
    artifacts.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{journey.file}-{journey.name}").strip("-").lower()
    shot = artifacts / f"{target}-{slug}.png"
    try:
        page.page.screenshot(path=str(shot), full_page=True)  # type: ignore[attr-defined]
    except Exception:  # a crashed page cannot be photographed; the report still stands
        return None
    return shot
