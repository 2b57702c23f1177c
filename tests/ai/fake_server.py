"""A scripted OpenAI-compatible server on 127.0.0.1 for the AI tests (the real openai client
talks to it over HTTP). Each chat request takes the next scripted reply."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def completion(content: str, finish: str = "stop", refusal: str | None = None) -> dict[str, Any]:
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "test",
            "choices": [{"index": 0, "finish_reason": finish, "message": {
                "role": "assistant", "content": content, "refusal": refusal}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}}


class FakeOpenAI:
    def __init__(self) -> None:
        # {"status", "body", "sleep", "headers"}; "raw" (bytes) is sent as is, with
        # "type" as its Content-Type (an HTML error page from a proxy or a non-API server).
        self.script: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.embeddings = False
        self.embedding_requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.endswith("/embeddings"):
                    server.embedding_requests.append(body)
                    if not server.embeddings:
                        return self._send(404, {"error": {"message": "no embeddings"}})
                    vectors = [{"object": "embedding", "index": i,
                                "embedding": [float(len(t) % 7), float("todo" in t), 1.0]}
                               for i, t in enumerate(body["input"])]
                    return self._send(200, {"object": "list", "data": vectors, "model": "e",
                                            "usage": {"prompt_tokens": 1, "total_tokens": 1}})
                server.requests.append(body)
                step = server.script.pop(0) if server.script else {
                    "status": 500, "body": {"error": {"message": "script exhausted"}}}
                if step.get("sleep"):
                    time.sleep(step["sleep"])
                return self._send(step.get("status", 200), step.get("body"), step.get("headers"),
                                  step.get("raw"), step.get("type", "application/json"))

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None,
                      raw: bytes | None = None, kind: str = "application/json") -> None:
                data = raw if raw is not None else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll interval: shutdown() waits up to one interval, in every test.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,),
                                       daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def reply(self, content: str, **kw: Any) -> None:
        self.script.append({"status": 200, "body": completion(content, **kw)})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
