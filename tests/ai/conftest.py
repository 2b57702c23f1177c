"""Every AI test runs against a server on 127.0.0.1 or none: the real network, the user's key
and the user's embedding cache are out of reach whatever a test forgets to set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ai.fake_server import FakeOpenAI

GOOD = {
    "appforge": 1,
    "app": {"name": "Habits", "id": "com.example.habits"},
    "state": {"habits": {"type": "list", "of": "string", "default": []},
              "draft": {"type": "string", "default": ""}},
    "pages": [{"id": "home", "path": "/", "title": "Habits", "body": [
        {"type": "input", "id": "new", "label": "Habit", "bind": "state.draft"},
        {"type": "button", "id": "add", "label": "Add", "on_click": [
            {"action": "append", "target": "state.habits", "value": "{{ state.draft }}"}]},
        {"type": "list", "id": "habits", "items": "{{ state.habits }}", "as": "h",
         "item": [{"type": "text", "text": "{{ h }}"}]}]}],
}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "APPFORGE_AI_MODEL",
                 "APPFORGE_AI_EMBEDDING_MODEL", "APPFORGE_AI_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # discard port: refused
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("APPFORGE_AI_MAX_RETRIES", "0")


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("APPFORGE_AI_MAX_RETRIES", "2")
    monkeypatch.chdir(tmp_path)
    yield fake
    fake.close()


def spec(**changes: Any) -> dict[str, Any]:
    """A deep copy of GOOD with top-level sections replaced."""
    import json

    data: dict[str, Any] = json.loads(json.dumps(GOOD))
    data.update(changes)
    return data
