"""What a person sees while the model is asked and when the server fails: a live status line
on a terminal (round, elapsed time, tokens), nothing extra in a pipe or with --json; a server
error is one line with the status and the server's own words, never raw HTML."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.cli import app
from tests.ai.conftest import GOOD, spec
from tests.ai.fake_server import FakeOpenAI

runner = CliRunner()

PYTHON_ERROR_PAGE = b"""<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: 501</p>
        <p>Message: Unsupported method ('POST').</p>
    </body>
</html>
"""


@pytest.mark.parametrize("raw, said", [
    (PYTHON_ERROR_PAGE, "HTTP 501 from the server: Error response"),
    (b"<html><body>\n<h1>501 Not Implemented</h1><hr><center>nginx</center>\n</body></html>",
     "HTTP 501 from the server: 501 Not Implemented"),
    (b"<html><head><title>Bad &amp; gone</title><script>x()</script></head></html>",
     "HTTP 501 from the server: Bad & gone"),
    (b"\n\nnot implemented here\nsecond line\n", "HTTP 501 from the server: not implemented here"),
    (b"", "HTTP 501 from the server: (no message)"),
])
def test_a_501_with_an_html_body_is_one_line(server: FakeOpenAI, raw: bytes, said: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPFORGE_AI_MAX_RETRIES", "0")
    server.script += [{"status": 501, "raw": raw, "type": "text/html"}] * 3  # 2 retries
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.exit_code == 1, result.output
    first = result.output.splitlines()[0]
    assert first == f"error: {said}"
    assert "<" not in result.output and "Traceback" not in result.output
    assert "OPENAI_BASE_URL" in result.output  # the hint: this is no chat completions API


def test_a_501_in_json(server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPFORGE_AI_MAX_RETRIES", "0")
    server.script += [{"status": 501, "raw": PYTHON_ERROR_PAGE, "type": "text/html"}] * 3
    result = runner.invoke(app, ["ai", "draft", "x", "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["ok"] is False and doc["diagnostics"] == []
    assert doc["error"] == "HTTP 501 from the server: Error response"


def test_an_openai_style_error_keeps_its_message(server: FakeOpenAI,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPFORGE_AI_MAX_RETRIES", "0")
    server.script += [{"status": 500, "body": {"error": {"message": "model crashed\nbad"}}}] * 3
    result = runner.invoke(app, ["ai", "draft", "x"])
    assert result.output.splitlines()[0] == "error: HTTP 500 from the server: model crashed bad"


def test_no_status_line_in_a_pipe_or_with_json(server: FakeOpenAI) -> None:
    server.reply(json.dumps(GOOD))
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "a"])
    assert result.exit_code == 0, result.output
    assert "asking" not in result.output and "\x1b" not in result.output
    server.reply(json.dumps(GOOD))
    result = runner.invoke(app, ["ai", "draft", "x", "--out", "b", "--json"])
    json.loads(result.stdout)  # stdout is one JSON document
    assert "asking" not in result.output


def _run_in_terminal(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 90
                     ) -> tuple[int, str]:
    """Run appforge with a pseudo-terminal as stdin, stdout and stderr; all it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "appforge", *args], cwd=cwd, env=env,
                            stdin=follower, stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    data = os.read(leader, 65536)
                except OSError:  # the terminal closed: the process ended
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_status_line_on_a_terminal(server: FakeOpenAI, tmp_path: Path) -> None:
    # Two rounds, each reply slow enough for the line to be drawn a few times.
    server.script.append({"status": 200, "sleep": 1.0, "body": json.loads(json.dumps(
        {"id": "c", "object": "chat.completion", "created": 0, "model": "test",
         "choices": [{"index": 0, "finish_reason": "stop", "message": {
             "role": "assistant", "content": json.dumps(spec(state={}))}}],
         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 150}}))})
    server.script.append({"status": 200, "sleep": 1.0, "body": json.loads(json.dumps(
        {"id": "c", "object": "chat.completion", "created": 0, "model": "test",
         "choices": [{"index": 0, "finish_reason": "stop", "message": {
             "role": "assistant", "content": json.dumps(GOOD)}}],
         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 150}}))})
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
    code, shown = _run_in_terminal(["ai", "draft", "x", "--out", "out", "-m", "tiny"],
                                   tmp_path, env)
    assert code == 0, shown
    assert "asking tiny: round 1, " in shown
    assert "asking tiny: round 2, " in shown and "150 tokens so far" in shown
    # The elapsed time moves while the server thinks.
    times = {float(t.split(" s,")[0]) for t in shown.split("round 2, ")[1:] if " s," in t}
    assert len(times) >= 2, shown
    assert "wrote out/appforge.yaml" in shown or "wrote out" in shown
