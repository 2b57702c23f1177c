"""A run's results for people (a failing step with its code frame, expected and seen, the
screenshot and the console), for programs (``--json``), for CI (``--format github``
annotations, JUnit XML)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from appforge.journeys.runner import JourneyResult, JourneyRun


def _frame(run: JourneyRun, result: JourneyResult) -> list[str]:
    failure = result.failure
    if failure is None or failure.step is None:
        return []
    span = failure.step.span
    lines = run.texts.get(span.file, "").splitlines()
    if not 1 <= span.line <= len(lines):
        return []
    width = len(str(span.line))
    return [f"    {span.line:>{width}} | {lines[span.line - 1]}",
            f"    {' ' * width} | {' ' * (span.column - 1)}^"]


def render_human(run: JourneyRun) -> str:
    out: list[str] = []
    for r in run.results:
        state = "PASS" if r.passed else "FAIL"
        out.append(f"{state} {r.target:<6} {r.journey.title} ({r.seconds:.1f} s)")
        f = r.failure
        if f is None:
            continue
        if f.step is not None:
            out.append(f"  {f.where}: {f.step.kind} failed")
            out.extend(_frame(run, r))
        out.append(f"  expected: {f.expected}")
        out.append(f"  seen:     {f.seen}")
        if f.screenshot is not None:
            out.append(f"  screenshot: {f.screenshot}")
        if f.console:
            out.append("  console:")
            out.extend(f"    {line}" for line in f.console[-10:])
    out.append(summary(run))
    return "\n".join(out)


def summary(run: JourneyRun) -> str:
    passed = sum(r.passed for r in run.results)
    failed = len(run.results) - passed
    per_target: dict[str, list[int]] = {}
    for r in run.results:
        counts = per_target.setdefault(r.target, [0, 0])
        counts[0] += r.passed
        counts[1] += 1
    targets = ", ".join(f"{t} {p}/{n}" for t, (p, n) in per_target.items())
    times = ", ".join(f"{k} {v:.1f} s" for k, v in run.timings.items())
    head = f"{passed} passed, {failed} failed" + (f" ({targets})" if targets else "")
    return f"{head}; {times}" if times else head


def to_json(run: JourneyRun) -> dict[str, Any]:
    return {
        "ok": run.ok,
        "problem": run.problem,
        "diagnostics": [d.to_json() for d in run.diagnostics],
        "results": [_result_json(r) for r in run.results],
        "timings": {k: round(v, 3) for k, v in run.timings.items()},
    }


def _result_json(r: JourneyResult) -> dict[str, Any]:
    out: dict[str, Any] = {"journey": r.journey.name, "file": r.journey.file,
                           "target": r.target, "passed": r.passed,
                           "seconds": round(r.seconds, 3), "failure": None}
    f = r.failure
    if f is not None:
        step = f.step
        out["failure"] = {
            "file": step.span.file if step else r.journey.file,
            "line": step.span.line if step else r.journey.span.line,
            "column": step.span.column if step else r.journey.span.column,
            "step": step.kind if step else None,
            "expected": f.expected, "seen": f.seen,
            "screenshot": str(f.screenshot) if f.screenshot else None,
            "console": f.console,
        }
    return out


def render_json(run: JourneyRun) -> str:
    """The standard ``--json`` document (docs/cli.md) with the run's results."""
    from appforge.cli.output import json_document

    fields = to_json(run)
    diagnostics = fields.pop("diagnostics")
    return json_document(fields, diagnostics)


def render_github(run: JourneyRun) -> str:
    """GitHub Actions annotations: a failing step shows on its line in the pull request."""
    from appforge.cli.output import github_data, github_property

    out = []
    for r in run.results:
        f = r.failure
        if f is None:
            continue
        span = f.step.span if f.step else r.journey.span
        message = f"expected {f.expected}, saw {f.seen}"
        if f.screenshot:
            message += f" (screenshot: {f.screenshot})"
        # GitHub's workflow-command escaping, as for validate's annotations.
        title = github_property(f"journey failed on {r.target}: {r.journey.name}")
        out.append(f"::error file={github_property(span.file)},line={span.line},"
                   f"col={span.column},title={title}::{github_data(message)}")
    return "\n".join(out)


def junit_xml(run: JourneyRun) -> str:
    """JUnit XML: a test suite per target, a test case per journey."""
    root = ET.Element("testsuites", name="appforge test")
    by_target: dict[str, list[JourneyResult]] = {}
    for r in run.results:
        by_target.setdefault(r.target, []).append(r)
    for target, results in by_target.items():
        suite = ET.SubElement(root, "testsuite", name=target, tests=str(len(results)),
                              failures=str(sum(not r.passed for r in results)),
                              time=f"{sum(r.seconds for r in results):.3f}")
        for r in results:
            case = ET.SubElement(suite, "testcase", name=r.journey.name,
                                 classname=r.journey.file, time=f"{r.seconds:.3f}")
            f = r.failure
            if f is None:
                continue
            where = f.where or str(r.journey.span)
            failure = ET.SubElement(case, "failure",
                                    message=f"{where}: expected {f.expected}, saw {f.seen}")
            failure.text = "\n".join([f"{where}: {f.step.kind if f.step else 'journey'}",
                                      f"expected: {f.expected}", f"seen: {f.seen}",
                                      *([f"screenshot: {f.screenshot}"] if f.screenshot else []),
                                      *f.console])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


def write_junit(run: JourneyRun, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(junit_xml(run), encoding="utf-8")
