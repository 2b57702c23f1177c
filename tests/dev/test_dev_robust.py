"""A save never ends the dev session, and what it sends to every page stays bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appforge.dev.rebuild import DevBuild, Outcome
from appforge.dev.server import MAX_OVERLAY, outcome_event
from appforge.diagnostics import Diagnostic, SourceSpan

SPEC = """appforge: 1
app: {name: T, id: com.example.t}
pages:
  - id: home
    body:
      - {type: text, text: "hello"}
"""


@pytest.mark.parametrize("error", [RecursionError("maximum recursion depth exceeded"),
                                   ValueError("Exceeds the limit (4300 digits)"),
                                   MemoryError(), KeyError("x")])
def test_a_compiler_failure_is_a_diagnostic_and_the_last_build_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    (tmp_path / "appforge.yaml").write_text(SPEC)
    build = DevBuild(tmp_path)
    assert build.rebuild().ok
    served = build.file("index.html")
    assert served

    def boom(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(build.session, "check", boom)
    outcome = build.rebuild()
    assert not outcome.ok
    assert [d.code for d in outcome.diagnostics] == ["E0900"]
    assert build.file("index.html") == served


def _failed(diagnostics: list[Diagnostic]) -> Outcome:
    return Outcome(False, tuple(diagnostics), (), 0.0, 1)


@pytest.mark.parametrize("count", [1, 50, 5_000])
def test_overlay_events_of_a_3mb_line_are_bounded(count: int) -> None:
    line = ", ".join(f"k{i}: 1" for i in range(300_000))
    columns = [1 + line.index(f"k{i}:") for i in range(0, 300_000, max(300_000 // count, 1))]
    columns = columns[:count]
    diagnostics = [Diagnostic("E0102", "unknown key " + "x" * 100_000,
                              SourceSpan("appforge.yaml", 1, c, 1, c + 2)) for c in columns]
    name, data = outcome_event(_failed(diagnostics), {"appforge.yaml": [line]})
    assert name == "errors"
    assert len(data) < 3_000 * min(count, MAX_OVERLAY)
    event = json.loads(data)
    assert event["total"] == count
    assert len(event["diagnostics"]) == min(count, MAX_OVERLAY)
    for item in event["diagnostics"]:
        # The overlay puts its caret at `caret` in `frame`: it must stand on the key.
        assert item["frame"][item["caret"] - 1:].startswith(
            line[item["column"] - 1:item["column"] + 1])
