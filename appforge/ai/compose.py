"""Draft or edit a spec with a model, through the real compiler, repairing until it compiles.

The model's reply is untrusted data (reliability.md, promise 8): :mod:`.reply` only parses it,
never executes or renders it; it becomes YAML text that passes the same loader, validator and
checker as a hand-written spec, in a temporary folder. Only a reply with no errors is ever
returned; the errors of any other go back to the model, up to ``max_repairs`` times.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appforge.ai.client import AIError, ChatClient
from appforge.ai.prompt import pick_examples, system_prompt
from appforge.ai.reply import MAX_REPLY_CHARS, parse_reply, to_yaml
from appforge.diagnostics import Diagnostic
from appforge.loader import ENTRY_FILE
from appforge.pipeline import check_project


@dataclass
class Composed:
    """A spec that compiles, and what it took."""

    text: str
    data: dict[str, Any]
    rounds: int  # 1 = right first time
    tokens: int
    ranking: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings only


class NoValidSpec(AIError):
    """Every round left errors; ``diagnostics`` are the last round's."""

    def __init__(self, rounds: int, diagnostics: list[Diagnostic], tokens: int,
                 why: str = "") -> None:
        super().__init__(f"no spec that compiles after {rounds} round(s)" +
                         (f" (the last reply: {why})" if why else ""),
                         "rephrase the prompt, raise --max-repairs or try another model")
        self.rounds = rounds
        self.diagnostics = diagnostics
        self.tokens = tokens


#: Not copied into the scratch folder: the store, build output and npm packages mean nothing
#: to the compiler, and the store could be large.
SKIP = shutil.ignore_patterns(".appforge", ".git", "build", "node_modules")


def compile_candidate(data: dict[str, Any], base: Path | None = None
                      ) -> tuple[str, list[Diagnostic]]:
    """The YAML text of a candidate and what the compiler says about it.

    It is checked in a scratch folder: empty for a draft, a copy of the project for an edit (so
    its data files and assets resolve). The compiler keeps every path the spec names inside
    that folder (includes, static data, assets), so a reply cannot make it read elsewhere.
    """
    text = to_yaml(data)
    with tempfile.TemporaryDirectory(prefix="appforge-ai-") as tmp:
        folder = Path(tmp) / "project"
        if base is not None:
            try:
                shutil.copytree(base, folder, symlinks=True, ignore=SKIP)
            except OSError as exc:  # shutil.Error too: an unreadable file, a vanished one
                detail = str(exc)
                raise AIError(f"cannot copy {base} to check the edit: "
                              f"{detail if len(detail) < 200 else detail[:200] + '…'}") from exc
        folder.mkdir(exist_ok=True)
        (folder / ENTRY_FILE).write_text(text, encoding="utf-8")
        result = check_project(folder)
    return text, result.diagnostics


def _diagnostics_message(text: str, diagnostics: list[Diagnostic]) -> str:
    lines = [f"{d.span}: {d.severity.value}[{d.code}]: {d.message}" +
             (f" (hint: {d.hint})" if d.hint else "") for d in diagnostics if d.is_error]
    numbered = "\n".join(f"{i:4} | {line}" for i, line in enumerate(text.splitlines(), 1))
    return ("The compiler rejected the spec. Its errors (file:line:column refer to the YAML "
            "below):\n" + "\n".join(lines) + "\n\nThe spec as YAML:\n" + numbered +
            "\n\nReply with the corrected complete spec as one JSON object.")


def compose(client: ChatClient, request: str, current: str | None = None,
            max_repairs: int = 3, schema: dict[str, Any] | None = None,
            base: Path | None = None) -> Composed:
    """Ask for a spec (or, with ``current``, an edit of it) until one compiles.

    ``base`` is the project an edit applies to: candidates are checked next to its files."""
    if schema is None:
        from appforge.spec.schema import json_schema

        schema = json_schema()
    examples, ranking = pick_examples(request, client.embed,
                                       namespace=client.embedding_model)
    # One system message: some local servers' chat templates refuse a second one.
    system = system_prompt() + "".join(f"\n\nAn example spec:\n{e}" for e in examples)
    if current is None:
        ask = f"Write the spec of this app: {request}"
    else:
        ask = (f"Here is the current spec:\n{current}\n\nChange it as follows and reply with "
               f"the complete new spec as JSON: {request}")
    opening = [{"role": "system", "content": system}, {"role": "user", "content": ask}]
    feedback: list[dict[str, str]] = []  # the last reply and what was wrong with it
    tokens = 0
    diagnostics: list[Diagnostic] = []
    why = ""
    for round_no in range(1, max_repairs + 2):
        # Only the latest attempt goes back: its diagnostics are what matters, and the whole
        # history would grow the request by a spec per round (too much for small contexts).
        reply = client.chat(opening + feedback, schema)
        tokens += reply.tokens
        data = parse_reply(reply.content)
        feedback = [{"role": "assistant", "content": reply.content[:MAX_REPLY_CHARS]}]
        if isinstance(data, str):
            diagnostics, why = [], data
            feedback.append({"role": "user", "content": f"That was not usable: {data}. Reply "
                             "with only the complete spec as one JSON object."})
            continue
        text, diagnostics = compile_candidate(data, base)
        if not any(d.is_error for d in diagnostics):
            return Composed(text, data, round_no, tokens, ranking,
                            [d for d in diagnostics if not d.is_error])
        why = ""
        feedback.append({"role": "user", "content": _diagnostics_message(text, diagnostics)})
    raise NoValidSpec(max_repairs + 1, diagnostics, tokens, why)
