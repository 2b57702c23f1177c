"""Failures end with a message and exit 1, never a traceback, and write nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from tests.ai.conftest import GOOD, spec
from tests.ai.fake_server import FakeOpenAI

runner = CliRunner()


@pytest.mark.parametrize("body", [{}, {"choices": []}, "<html>not an API</html>"])
def test_a_reply_that_is_not_a_chat_completion(server: FakeOpenAI, tmp_path: Path,
                                               body: object) -> None:
    server.script.append({"status": 200, "body": body})
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "out"])
    assert result.exit_code == 1, result.output
    assert "did not answer with a chat completion" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out").exists()


def test_content_filter(server: FakeOpenAI) -> None:
    server.reply("", finish="content_filter")
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1 and "content filter" in result.output


def test_existing_spec_is_refused_before_the_model_is_asked(server: FakeOpenAI,
                                                             tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "appforge.yaml").write_text("mine")
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "out"])
    assert result.exit_code == 1 and "already exists" in result.output
    assert server.requests == []
    assert (tmp_path / "out" / "appforge.yaml").read_text() == "mine"


def test_default_max_repairs_is_three(server: FakeOpenAI, tmp_path: Path) -> None:
    for _ in range(5):
        server.reply("no JSON here")
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "out", "--json"])
    assert result.exit_code == 1
    assert len(server.requests) == 4  # the first try and three repairs
    assert "not a JSON object" in server.requests[1]["messages"][-1]["content"]
    assert "the last reply: the reply is not a JSON object" in json.loads(result.stdout)["error"]
    for request in server.requests:
        # One system message (some chat templates refuse two), and only the latest attempt:
        # the request does not grow by a spec per round.
        assert [m["role"] for m in request["messages"]][:2] == ["system", "user"]
        assert sum(m["role"] == "system" for m in request["messages"]) == 1
        assert len(request["messages"]) <= 4
    assert not (tmp_path / "out").exists()


def test_paths_in_a_reply_stay_inside_the_project(server: FakeOpenAI, tmp_path: Path) -> None:
    outside = tmp_path / "secret.json"
    outside.write_text('["top secret"]')
    leaky = spec(include=["../*.yaml", "/etc/*.conf"], data={"s": {
        "kind": "static", "file": str(outside), "into": "state.habits"}})
    server.reply(json.dumps(leaky))
    server.reply(json.dumps(GOOD))
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "out", "--json"])
    assert result.exit_code == 0, result.output
    repair = server.requests[1]["messages"][-1]["content"]
    assert "E0011" in repair and "leaves the project folder" in repair
    assert "top secret" not in repair
    assert "top secret" not in (tmp_path / "out" / "appforge.yaml").read_text()


def test_missing_openai_package_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    monkeypatch.setitem(sys.modules, "openai", None)  # makes `import openai` fail
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1
    assert "pip install 'appforge[ai]'" in result.output


def test_bad_timeout_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    monkeypatch.setenv("APPFORGE_AI_TIMEOUT", "soon")
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1 and "APPFORGE_AI_TIMEOUT='soon' is not a number" in \
        result.output


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["ai", "draft"]).exit_code == 2
    assert runner.invoke(app, ["ai", "draft", "x", "--max-repairs", "-1"]).exit_code == 2
    assert runner.invoke(app, ["ai", "edit", "x", "/nonexistent/project"]).exit_code == 2


def test_unknown_model(server: FakeOpenAI) -> None:
    server.script.append({"status": 404, "body": {"error": {"message": "model 'x' not found"}}})
    result = runner.invoke(app, ["ai", "draft", "x", "--model", "nope"])
    assert result.exit_code == 1 and "model 'x' not found" in result.output
    assert "--model" in result.output


def test_server_error_after_retries(server: FakeOpenAI) -> None:
    for _ in range(3):
        server.script.append({"status": 503, "body": {"error": {"message": "overloaded"}},
                              "headers": {"retry-after-ms": "10"}})
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1 and "HTTP 503 from the server: overloaded" in result.output
    assert len(server.requests) == 3  # the SDK retried twice (APPFORGE_AI_MAX_RETRIES=2)


def test_json_failure_carries_the_diagnostics(server: FakeOpenAI) -> None:
    for _ in range(2):
        server.reply(json.dumps(spec(state={})))
    result = runner.invoke(app, ["ai", "draft", "x", "--max-repairs", "1", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["rounds"] == 2 and report["tokens"] == 300
    assert report["version"] == 1 and report["errors"] == len(report["diagnostics"]) > 0
    assert any(d["code"] == "E0203" and d["file"] == "appforge.yaml" and d["line"] > 0
               for d in report["diagnostics"])


def test_edit_wants_a_project_entry(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text("appforge: 1\n")
    result = runner.invoke(app, ["ai", "edit", "x", str(tmp_path / "other.yaml")])
    assert result.exit_code == 2 and "no project at" in result.output


def test_openai_is_imported_only_when_a_command_runs() -> None:
    import subprocess

    code = ("import sys, appforge.cli, appforge.ai.compose, appforge.ai.apply; "
            "sys.exit('openai' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_out_that_is_a_file(server: FakeOpenAI, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "taken"])
    assert result.exit_code == 1 and "is not a folder" in result.output
    assert server.requests == []


def test_a_folder_that_cannot_be_made(server: FakeOpenAI, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    server.reply(json.dumps(GOOD))
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "file/sub"])
    assert result.exit_code == 1 and "cannot write" in result.output
    assert "Traceback" not in result.output


def test_a_schema_that_cannot_be_added_does_not_fail_the_draft(server: FakeOpenAI,
                                                               tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "schema").write_text("a file where the schema folder would go")
    server.reply(json.dumps(GOOD))
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "appforge.yaml").is_file()
