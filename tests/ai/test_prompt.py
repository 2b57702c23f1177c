"""What the model is told, and which examples it sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appforge.ai.compose import compile_candidate
from appforge.ai.prompt import example_specs, pick_examples, rank_lexically, system_prompt
from appforge.cli import app
from tests.ai.conftest import GOOD
from tests.ai.fake_server import FakeOpenAI

runner = CliRunner()


def test_system_prompt_names_the_catalogue() -> None:
    text = system_prompt()
    for word in ("button: ", "form: ", "navigate(", "len(", "JSON object"):
        assert word in text


def test_examples_are_single_file_specs_in_the_reply_format_that_compile() -> None:
    assert sorted(example_specs()) == ["blank", "crud", "todo"]
    for text in example_specs().values():
        assert "cookiecutter" not in text and "{%" not in text
        data = json.loads(text)  # the form a reply takes
        assert "include" not in data
        _, diagnostics = compile_candidate(data)
        assert [d for d in diagnostics if d.is_error] == []


def test_lexical_ranking_prefers_the_closest_example() -> None:
    assert rank_lexically("a to-do list with tasks marked done", example_specs())[0] == "todo"


def test_no_embeddings_means_lexical() -> None:
    examples, how = pick_examples("tasks", lambda texts: None)
    assert how == "lexical" and len(examples) == 2


def test_embeddings_are_cached_per_model_and_damage_is_ignored(
        server: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server.embeddings = True

    def draft(out: str) -> str:
        server.reply(json.dumps(GOOD))
        result = runner.invoke(app, ["ai", "draft", "habits", "--out", out, "--json"])
        assert result.exit_code == 0, result.output
        return str(json.loads(result.stdout)["examples_ranked_by"])

    assert draft("a") == "embeddings"
    assert len(server.embedding_requests) == 1
    assert draft("b") == "embeddings"
    assert len(server.embedding_requests) == 1  # all from the cache
    cache = tmp_path / "cache" / "appforge" / "embeddings"
    next(iter(sorted(cache.glob("*.json")))).write_text("[1, 2,")  # damaged
    assert draft("c") == "embeddings"
    assert len(server.embedding_requests) == 2 and len(server.embedding_requests[1]["input"]) == 1
    monkeypatch.setenv("APPFORGE_AI_EMBEDDING_MODEL", "other")
    assert draft("d") == "embeddings"
    assert server.embedding_requests[-1]["model"] == "other"
    assert len(server.embedding_requests[-1]["input"]) == 1 + len(example_specs())
