"""The evaluation harness itself works (it is run by hand against real servers, not in CI)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from tests.ai.conftest import GOOD
from tests.ai.fake_server import FakeOpenAI

HARNESS = Path(__file__).parents[2] / "bench" / "ai_eval"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ai_eval_run", HARNESS / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_twenty_prompts() -> None:
    lines = (HARNESS / "prompts.txt").read_text().splitlines()
    assert len([p for p in lines if p.strip()]) == 20


def test_harness_reports_compile_share_repairs_and_tokens(server: FakeOpenAI) -> None:
    harness = _harness()
    server.reply("not json")
    server.reply(json.dumps(GOOD))
    for _ in range(2):
        server.reply(json.dumps({"appforge": 1}))
    model, rows = harness.draft_all(["a", "b"], None, 1)
    result = harness.summary(model, rows, 1)
    assert result["compiled"] == 1 and result["compile_share"] == 0.5
    assert result["compiled_after_repairs"] == {0: 0, 1: 1}
    assert result["total_tokens"] == 600 and result["failing_codes"]
