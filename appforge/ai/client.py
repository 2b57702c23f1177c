"""The OpenAI-compatible chat client: the real ``openai`` SDK, its failures turned into
:class:`AIError` messages a person can act on."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, TypeVar

DEFAULT_MODEL = "gpt-4o-mini"
_N = TypeVar("_N", int, float)


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
            timeout=timeout if timeout is not None else _env_number(
                "APPFORGE_AI_TIMEOUT", 120.0, float),
            max_retries=max_retries if max_retries is not None else _env_number(
                "APPFORGE_AI_MAX_RETRIES", 3, int))
        self.structured = True  # until the server says it does not do json_schema
        # Progress, read by the CLI's status line while a request is under way.
        self.rounds = 0  # chat requests started
        self.tokens = 0  # tokens the server reported so far
        self.embedding_model = os.environ.get("APPFORGE_AI_EMBEDDING_MODEL",
                                              "text-embedding-3-small")

    def chat(self, messages: list[dict[str, str]], schema: dict[str, Any] | None) -> Reply:
        """One completion whose reply must be a complete JSON object."""
        o = self.openai
        self.rounds += 1
        try:
            response = self._create(messages, schema)
        except o.AuthenticationError as exc:
            raise AIError(f"HTTP 401 from the server: {_said(exc)}",
                          "the server refused the API key: check OPENAI_API_KEY") from exc
        except o.RateLimitError as exc:
            # The server's words matter here: OpenAI also answers 429 for an exhausted quota.
            raise AIError(f"HTTP 429 from the server: {_said(exc)}",
                          "the server is rate limiting and kept doing so after retries: wait "
                          "a moment and try again, or check the account's quota") from exc
        except o.APITimeoutError as exc:
            raise AIError("the server did not answer in time",
                          "try again, or a smaller model") from exc
        except o.APIConnectionError as exc:
            raise AIError(f"cannot reach the server at {self.client.base_url}",
                          "check OPENAI_BASE_URL and that the server runs") from exc
        except o.NotFoundError as exc:
            raise AIError(f"HTTP 404 from the server: {_said(exc)}",
                          f"check the model name ({self.model}: --model or APPFORGE_AI_MODEL) "
                          "and OPENAI_BASE_URL") from exc
        except o.APIStatusError as exc:
            hint = ("this server does not implement chat completions: check that "
                    "OPENAI_BASE_URL names an OpenAI-compatible API (usually ending in /v1)"
                    if exc.status_code in (405, 501) else None)
            raise AIError(f"HTTP {exc.status_code} from the server: {_said(exc)}", hint) \
                from exc
        # The body is untrusted too: a proxy or a wrong base URL can answer 200 with anything.
        choices = getattr(response, "choices", None)
        message = getattr(choices[0], "message", None) if isinstance(choices, list) and \
            choices else None
        if message is None:
            raise AIError(f"the server at {self.client.base_url} did not answer with a chat "
                          "completion", "check that OPENAI_BASE_URL names an OpenAI-compatible "
                          "API (usually ending in /v1)")
        choice = choices[0]  # type: ignore[index]
        if getattr(message, "refusal", None):
            raise AIError(f"the model refused: {_short(message.refusal)}")
        if choice.finish_reason == "length":
            raise AIError("the reply was cut off (the model ran out of tokens)",
                          "ask for a smaller app, or use a model with a longer output")
        if choice.finish_reason == "content_filter":
            raise AIError("the reply was withheld by the server's content filter")
        usage = getattr(response, "usage", None)
        tokens = getattr(usage, "total_tokens", None) or 0
        tokens = tokens if isinstance(tokens, int) else 0
        self.tokens += tokens
        content = message.content if isinstance(message.content, str) else ""
        return Reply(content, tokens)

    def _create(self, messages: list[dict[str, str]], schema: dict[str, Any] | None) -> Any:
        create = self.client.chat.completions.create
        if schema is not None and self.structured:
            try:
                # The document keys ($schema, $id) describe the file, not the reply, and are
                # the first thing a server's schema subset may not know.
                body = {k: v for k, v in schema.items() if k not in ("$schema", "$id")}
                # strict=False: strict mode demands every property be required, which the
                # language's optional keys are not; the compiler checks the reply anyway.
                response_format: Any = {"type": "json_schema", "json_schema": {
                    "name": "appforge_spec", "schema": body, "strict": False}}
                return create(model=self.model, messages=messages,  # type: ignore[arg-type]
                              response_format=response_format)
            except self.openai.BadRequestError:
                self.structured = False  # plain JSON from now on
        return create(model=self.model, messages=messages)  # type: ignore[arg-type]

    def embed(self, texts: list[str]) -> list[list[float]] | None:
        """Embeddings from the server, or None when it has no embeddings endpoint."""
        # Embeddings only rank examples, so no retries: a failure falls back to lexical ranking
        # at once instead of adding a second round of backoff before the chat request.
        client = self.client.with_options(max_retries=0)
        try:
            response = client.embeddings.create(model=self.embedding_model, input=texts)
            vectors = [[float(x) for x in item.embedding] for item in response.data]
        except (self.openai.OpenAIError, AttributeError, TypeError, ValueError):
            return None
        return vectors if len(vectors) == len(texts) else None


def _env_number(name: str, default: _N, kind: type[_N]) -> _N:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise AIError(f"{name}={raw!r} is not a number") from None
    if value < 0:
        raise AIError(f"{name} must not be negative")
    return value


def _said(exc: Any) -> str:
    """What the server said, in one line: the ``message`` of an OpenAI-style error body, the
    title (or first line of text) of an HTML page, the first line of anything else; never the
    SDK's "Error code: N - {...}" wrapping, never raw HTML."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body["error"] if isinstance(body.get("error"), dict) else body
        for key in ("message", "detail", "error"):
            if isinstance(inner.get(key), str) and inner[key].strip():
                return _short(inner[key])
    text = body if isinstance(body, str) else None
    if not text:  # the raw text stays on the response
        try:
            text = getattr(getattr(exc, "response", None), "text", None)
        except Exception:  # a streamed or closed response
            text = None
    line = first_line(text) if isinstance(text, str) else ""
    return _short(line) if line else "(no message)"


def first_line(text: str) -> str:
    """The first thing a person would read in a server's error body: an HTML page's
    ``<title>`` (else its first line of text, tags and entities removed), or the first
    non-empty line of plain text."""
    import html
    import re

    if re.search(r"<\s*(!doctype|html|head|body|title|h1|p|div|pre)\b", text, re.I):
        title = re.search(r"<title[^>]*>(.*?)</title\s*>", text, re.I | re.S)
        if title and title.group(1).strip():
            return " ".join(html.unescape(title.group(1)).split())
        text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.I | re.S)
        text = html.unescape(re.sub(r"<[^>]*>", "\n", text))
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())
    return ""


def _short(value: Any, limit: int = 200) -> str:
    text = str(value or "").strip().replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"
