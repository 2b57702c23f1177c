"""The OpenAI-compatible chat client: the real ``openai`` SDK, its failures turned into
:class:`AIError` messages a person can act on."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

DEFAULT_MODEL = "gpt-4o-mini"


class AIError(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Reply:
    content: str
    tokens: int


def model_name(given: str | None) -> str:
    return given or os.environ.get("APPFORGE_AI_MODEL") or DEFAULT_MODEL


class ChatClient:
    """One conversation's access to the server (OPENAI_BASE_URL / OPENAI_API_KEY)."""

    def __init__(self, model: str | None = None, timeout: float | None = None,
                 max_retries: int | None = None) -> None:
        try:
            import openai
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise AIError("the AI commands need the openai package",
                          "pip install 'appforge[ai]'") from exc
        if not os.environ.get("OPENAI_API_KEY"):
            raise AIError("no API key: OPENAI_API_KEY is not set",
                          "export OPENAI_API_KEY=... (any value for a local server) and, for a "
                          "local server, OPENAI_BASE_URL=http://127.0.0.1:11434/v1")
        self.openai = openai
        self.model = model_name(model)
        # The SDK retries 429s, 5xx and timeouts with exponential backoff itself.
        self.client = openai.OpenAI(
            timeout=timeout if timeout is not None else
            float(os.environ.get("APPFORGE_AI_TIMEOUT", "120")),
            max_retries=max_retries if max_retries is not None else
            int(os.environ.get("APPFORGE_AI_MAX_RETRIES", "3")))
        self.structured = True  # until the server says it does not do json_schema

    def chat(self, messages: list[dict[str, str]], schema: dict[str, Any] | None) -> Reply:
        """One completion whose reply must be a complete JSON object."""
        o = self.openai
        try:
            response = self._create(messages, schema)
        except o.AuthenticationError as exc:
            raise AIError("the server refused the API key (401)",
                          "check OPENAI_API_KEY") from exc
        except o.RateLimitError as exc:
            raise AIError("the server is rate limiting (429) and kept doing so after retries",
                          "wait a moment and try again") from exc
        except o.APITimeoutError as exc:
            raise AIError("the server did not answer in time",
                          "try again, or a smaller model") from exc
        except o.APIConnectionError as exc:
            raise AIError(f"cannot reach the server at {self.client.base_url}",
                          "check OPENAI_BASE_URL and that the server runs") from exc
        except o.APIStatusError as exc:
            raise AIError(f"the server answered {exc.status_code}: {_short(exc.message)}") \
                from exc
        choice = response.choices[0]
        message = choice.message
        if getattr(message, "refusal", None):
            raise AIError(f"the model refused: {_short(message.refusal)}")
        if choice.finish_reason == "length":
            raise AIError("the reply was cut off (the model ran out of tokens)",
                          "ask for a smaller app, or use a model with a longer output")
        if choice.finish_reason == "content_filter":
            raise AIError("the reply was withheld by the server's content filter")
        tokens = response.usage.total_tokens if response.usage else 0
        return Reply(message.content or "", tokens)

    def _create(self, messages: list[dict[str, str]], schema: dict[str, Any] | None) -> Any:
        create = self.client.chat.completions.create
        if schema is not None and self.structured:
            try:
                response_format: Any = {"type": "json_schema", "json_schema": {
                    "name": "appforge_spec", "schema": schema, "strict": False}}
                return create(model=self.model, messages=messages,  # type: ignore[arg-type]
                              response_format=response_format)
            except self.openai.BadRequestError:
                self.structured = False  # plain JSON from now on
        return create(model=self.model, messages=messages)  # type: ignore[arg-type]

    def embed(self, texts: list[str]) -> list[list[float]] | None:
        """Embeddings from the server, or None when it has no embeddings endpoint."""
        try:
            response = self.client.embeddings.create(model=os.environ.get(
                "APPFORGE_AI_EMBEDDING_MODEL", "text-embedding-3-small"), input=texts)
        except self.openai.OpenAIError:
            return None
        return [list(item.embedding) for item in response.data]


def _short(value: Any, limit: int = 200) -> str:
    text = str(value or "").strip().replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"
