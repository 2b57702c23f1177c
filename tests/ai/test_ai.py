"""`appforge ai` through the real openai client against a local OpenAI-compatible server:
only a spec that compiles is ever written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from appforge.loader import load_project
from appforge.pipeline import build, check_project
from tests.ai.conftest import GOOD
from tests.ai.fake_server import FakeOpenAI

runner = CliRunner()



def _draft(*args: str) -> Any:
    return runner.invoke(app, ["ai", "draft", "a habit tracker", "--json", *args])


def test_valid_spec_first_time(server: FakeOpenAI, tmp_path: Path) -> None:
    server.reply(json.dumps(GOOD))
    result = _draft("--out", "habits")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["rounds"] == 1 and summary["tokens"] == 150
    assert summary["pages"] == ["home"]
    assert check_project(tmp_path / "habits").diagnostics == []
    request = server.requests[0]
    assert request["response_format"]["type"] == "json_schema"  # structured output
    sent = request["response_format"]["json_schema"]["schema"]
    assert "pages" in sent["properties"] and "$defs" in sent and "$schema" not in sent
    system = " ".join(m["content"] for m in request["messages"] if m["role"] == "system")
    assert "An example spec" in system and "where(list, 'field', value)" in system


def test_invalid_then_repaired_sends_the_diagnostics_back(server: FakeOpenAI,
                                                          tmp_path: Path) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["pages"][0]["body"][2]["items"] = "{{ state.habbits }}"
    server.reply(json.dumps(bad))
    server.reply("```json\n" + json.dumps(GOOD) + "\n```")  # fenced replies are fine too
    result = _draft("--out", "habits")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rounds"] == 2
    repair = server.requests[1]["messages"][-1]["content"]
    assert "error[E0203]: unknown state key 'habbits'" in repair
    assert "appforge.yaml:" in repair and "did you mean 'habits'?" in repair


def test_junk_every_time_writes_nothing(server: FakeOpenAI, tmp_path: Path) -> None:
    for _ in range(4):
        server.reply("Sure! Here is your app: <html>")
    result = _draft("--out", "habits", "--max-repairs", "3")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["ok"] is False
    assert not (tmp_path / "habits").exists()
    assert len(server.requests) == 4


def test_never_compiling_writes_nothing_and_shows_errors(server: FakeOpenAI,
                                                         tmp_path: Path) -> None:
    bad = {**GOOD, "pages": [{"id": "home", "body": [{"type": "buton", "label": "x"}]}]}
    for _ in range(2):
        server.reply(json.dumps(bad))
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "out", "--max-repairs", "1"])
    assert result.exit_code == 1
    assert "unknown component type 'buton'" in result.output
    assert not (tmp_path / "out").exists()


def test_hostile_but_valid_spec_compiles_into_a_safe_app(server: FakeOpenAI,
                                                         tmp_path: Path) -> None:
    hostile = json.loads(json.dumps(GOOD))
    hostile["app"]["name"] = "<script>alert(1)</script>"
    hostile["pages"][0]["title"] = "{% for x in range(9) %}{{ state.draft }}</title><script>"
    hostile["pages"][0]["body"].append({"type": "text", "text": "${alert(1)} `x` </script>"})
    # First an expression that would run code if anything evaluated it: only the compiler
    # reads it, as an unknown name, and the model is asked again.
    python = json.loads(json.dumps(GOOD))
    python["pages"][0]["title"] = "{{ __import__('os').system('touch pwned') }}"
    server.reply(json.dumps(python))
    server.reply(json.dumps(hostile))
    assert _draft("--out", "evil").exit_code == 0
    assert "__import__" in server.requests[1]["messages"][-1]["content"]
    assert not (tmp_path / "pwned").exists()
    written = load_project(tmp_path / "evil")
    assert written.entry is not None and written.entry.data == hostile  # exactly as sent
    result = build(tmp_path / "evil", ["web"], tmp_path / "evil" / "build")
    assert result.ok
    web = tmp_path / "evil" / "build" / "web"
    assert "<script>alert" not in (web / "index.html").read_text()
    assert "</script>" not in next(web.glob("app.*.js")).read_text()


def test_rate_limited_then_success(server: FakeOpenAI) -> None:
    server.script.append({"status": 429, "body": {"error": {"message": "slow down"}},
                          "headers": {"retry-after-ms": "10"}})
    server.reply(json.dumps(GOOD))
    result = _draft("--out", "habits")
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 2  # the SDK retried


def test_rate_limited_for_good_gives_a_clear_error(server: FakeOpenAI) -> None:
    for _ in range(3):
        server.script.append({"status": 429, "body": {"error": {"message": "slow down"}},
                              "headers": {"retry-after-ms": "10"}})
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1
    assert "HTTP 429 from the server: slow down" in result.output
    assert "rate limiting" in result.output and "Traceback" not in result.output


def test_timeout(server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPFORGE_AI_TIMEOUT", "0.3")
    monkeypatch.setenv("APPFORGE_AI_MAX_RETRIES", "0")
    server.script.append({"status": 200, "body": {}, "sleep": 1.5})
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1 and "did not answer in time" in result.output


def test_missing_key(server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1 and "OPENAI_API_KEY" in result.output
    assert server.requests == []


def test_unauthorized(server: FakeOpenAI) -> None:
    server.script.append({"status": 401, "body": {"error": {"message": "bad key"}}})
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1 and "HTTP 401 from the server: bad key" in result.output
    assert "refused the API key" in result.output


def test_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("APPFORGE_AI_MAX_RETRIES", "0")
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1 and "cannot reach the server" in result.output


@pytest.mark.parametrize("reply, message", [
    ({"refusal": "I can't help with that"}, "the model refused"),
    ({"finish": "length"}, "cut off"),
])
def test_refusal_and_truncation_write_nothing(server: FakeOpenAI, tmp_path: Path,
                                              reply: dict[str, Any], message: str) -> None:
    server.reply(json.dumps(GOOD)[:40], **reply)
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "out"])
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / "out").exists()


def test_plain_json_when_structured_output_is_refused(server: FakeOpenAI) -> None:
    server.script.append({"status": 400, "body": {"error": {"message": "no json_schema"}}})
    server.reply(json.dumps(GOOD))
    assert _draft("--out", "habits").exit_code == 0
    assert "response_format" not in server.requests[1]


def test_examples_ranked_by_embeddings_and_cached(server: FakeOpenAI, tmp_path: Path) -> None:
    server.embeddings = True
    server.reply(json.dumps(GOOD))
    assert json.loads(_draft("--out", "a").stdout)["examples_ranked_by"] == "embeddings"
    assert len(list((tmp_path / "cache" / "appforge" / "embeddings").glob("*.json"))) >= 4


def test_edit_snapshots_first_and_records_provenance(server: FakeOpenAI,
                                                     tmp_path: Path) -> None:
    project = tmp_path / "habits"
    server.reply(json.dumps(GOOD))
    assert _draft("--out", str(project)).exit_code == 0
    changed = json.loads(json.dumps(GOOD))
    changed["pages"][0]["body"][1]["label"] = "Add habit"
    server.reply(json.dumps(changed))
    result = runner.invoke(app, ["ai", "edit", "rename the button", str(project), "--yes",
                                 "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["applied"] is True
    assert any('label "Add" → "Add habit"' in c for c in summary["changes"])
    assert "Add habit" in (project / "appforge.yaml").read_text()
    from appforge.store import Store

    store = Store(project)
    after = store.show(summary["after"])
    assert after.info.meta["prompt"] == "rename the button"
    assert after.info.meta["repairs"] == 0 and after.info.meta["model"]
    before = store.show(summary["before"])
    assert before.info.meta["stage"] == "before"
    # The request carried the current spec.
    assert "Here is the current spec" in server.requests[-1]["messages"][-1]["content"]
