"""``appforge ai draft`` and ``appforge ai edit``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from rich.text import Text

    from appforge.ai import AIError, ChatClient, NoValidSpec

app = typer.Typer(help="Draft and edit specs with an OpenAI-compatible model; only a spec that "
                  "compiles is ever written.", no_args_is_help=True, rich_markup_mode=None)

ModelOpt = Annotated[str | None, typer.Option(
    "--model", "-m", help="Model name (default: APPFORGE_AI_MODEL or gpt-4o-mini).")]
RepairsOpt = Annotated[int, typer.Option(
    "--max-repairs", min=0, max=10, help="Rounds of fixing compiler errors.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON summary.")]


@app.command()
def draft(
    prompt: Annotated[str, typer.Argument(help="What the app should do.")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Project folder (default: one named after the app).")] = None,
    model: ModelOpt = None,
    max_repairs: RepairsOpt = 3,
    json_output: JsonOpt = False,
) -> None:
    """Write a new appforge.yaml from a prompt. The server is OPENAI_BASE_URL (any
    OpenAI-compatible one: OpenAI, Ollama, vLLM, llama.cpp) with OPENAI_API_KEY."""
    from appforge.ai import AIError, ChatClient, NoValidSpec, compose
    from appforge.ai.apply import ensure_free, summarize, write_draft

    try:
        if out is not None:
            ensure_free(out)  # before paying for a reply that could not be written
        client = ChatClient(model)
        with _status(client, json_output):
            composed = compose(client, prompt, max_repairs=max_repairs)
        path = write_draft(composed, out)
    except NoValidSpec as exc:
        _no_valid_spec(exc, json_output)
    except AIError as exc:
        _fail(exc, json_output)
    except KeyboardInterrupt:
        _interrupted()
    made = summarize(composed.data)
    if json_output:
        from appforge.cli.output import json_document

        typer.echo(json_document({
            "ok": True, "path": str(path), "rounds": composed.rounds,
            "repairs": composed.rounds - 1, "tokens": composed.tokens, "model": client.model,
            "examples_ranked_by": composed.ranking, **made}, composed.diagnostics))
        return
    for warning in composed.diagnostics:
        _say(f"  {warning}", err=True)
    components = ", ".join(f"{n} {t}" for t, n in made["components"].items()) or "-"
    _say(f"wrote {path}", f"  pages: {', '.join(made['pages'])}",
         f"  state: {', '.join(made['state']) or '-'}", f"  components: {components}",
         f"  {composed.rounds - 1} repair round(s), {composed.tokens} tokens, model "
         f"{client.model}")


@app.command()
def edit(
    prompt: Annotated[str, typer.Argument(help="The change to make.")],
    path: Annotated[Path, typer.Argument(
        help="The project folder, or a folder inside it (default: the current one).")
    ] = Path("."),
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking (CI).")] = False,
    model: ModelOpt = None,
    max_repairs: RepairsOpt = 3,
    json_output: JsonOpt = False,
) -> None:
    """Change an existing project: snapshot first, show the change in app terms, apply it on
    confirmation. Undo with `appforge snapshot restore`."""
    from appforge.ai import AIError, ChatClient, NoValidSpec, compose
    from appforge.ai.apply import apply_edit, current_spec, plan_edit
    from appforge.cli.project import fail_no_project, require_project

    found = require_project(path, json_output)
    if found.is_file():  # a spec file named directly: only the project's entry will do
        if found.name != "appforge.yaml":
            fail_no_project(path, json_output)
        found = found.parent
    root = found
    try:
        original = current_spec(root)
        client = ChatClient(model)
        with _status(client, json_output):
            composed = compose(client, prompt, current=original, max_repairs=max_repairs,
                               base=root)
        provenance = {"prompt": prompt, "model": client.model, "repairs": composed.rounds - 1,
                      "tokens": composed.tokens}
        plan = plan_edit(root, original, composed, provenance)
    except NoValidSpec as exc:
        _no_valid_spec(exc, json_output)
    except AIError as exc:
        _fail(exc, json_output)
    except KeyboardInterrupt:
        _interrupted()
    if not json_output:
        typer.echo(f"saved the current version as snapshot {plan.before_id[:12]}")
        for warning in composed.diagnostics:
            _say(f"  {warning}", err=True)
        _say("proposed change:", *(f"  {change}" for change in plan.changes or ["(nothing)"]))
    applied = None
    # The question goes to stderr so that stdout stays one JSON document with --json.
    if plan.changes and (yes or (_can_ask() and typer.confirm("Apply?", err=True))):
        try:
            applied = apply_edit(plan, provenance)
        except AIError as exc:
            _fail(exc, json_output)
    if json_output:
        from appforge.cli.output import json_document

        typer.echo(json_document({"ok": True, "path": str(root / "appforge.yaml"),
                                  "applied": applied is not None,
                                  "before": plan.before_id, "after": applied,
                                  "changes": plan.changes, "rounds": composed.rounds,
                                  "repairs": composed.rounds - 1, "tokens": composed.tokens,
                                  "model": client.model}, composed.diagnostics))
    elif applied:
        _say(f"applied; recorded as snapshot {applied[:12]} (undo: appforge snapshot "
             f"restore {plan.before_id[:12]} --path {root})")
    elif not plan.changes:
        typer.echo("not applied: nothing to change")
    else:
        typer.echo("not applied" + ("" if _can_ask() else
                                    " (no terminal to ask; pass --yes to apply)"))


def _say(*lines: str, err: bool = False) -> None:
    """Print lines for a person: model replies, spec names and paths are shown with their
    control characters escaped (a reply holding ESC sequences must not drive the terminal);
    each argument is one line, whatever it holds."""
    from appforge.cli.output import terminal_safe

    # Cut only what no one reads whole (a reply quoting a megabyte key), not a long page list.
    typer.echo("\n".join(terminal_safe(line, 20_000) for line in lines), err=err)


def _can_ask() -> bool:
    return sys.stdin.isatty()


def _interrupted() -> NoReturn:
    from appforge.cli.interrupt import interrupted

    raise interrupted("interrupted; nothing was written")


class _Status:
    """The live line while the model is asked: the round, the time since the command started
    and the tokens the server has reported so far (rich, redrawn in place on stderr)."""

    def __init__(self, client: ChatClient) -> None:
        import time

        self.client = client
        self.started = time.monotonic()

    def text(self) -> str:
        import time

        elapsed = time.monotonic() - self.started
        return (f"asking {self.client.model}: round {max(self.client.rounds, 1)}, "
                f"{elapsed:.1f} s, {self.client.tokens} tokens so far")

    def __rich__(self) -> Text:
        from rich.text import Text  # literal: a model name holding "[red]" stays text

        from appforge.cli.output import terminal_safe

        return Text(terminal_safe(self.text(), 300))


def _status(client: ChatClient, json_output: bool) -> AbstractContextManager[object]:
    """A status line on a terminal; nothing in a pipe, a CI log or with --json."""
    import contextlib

    if json_output or not sys.stderr.isatty():
        return contextlib.nullcontext()
    from appforge.cli.output import console

    return console(stderr=True).status(_Status(client), spinner="dots")  # type: ignore[no-any-return]


def _fail(exc: AIError, json_output: bool, **extra: object) -> NoReturn:
    if json_output:
        from appforge.cli.output import json_document

        diagnostics = extra.pop("diagnostics", None)
        typer.echo(json_document({"ok": False, "error": exc.message, "hint": exc.hint,
                                  **extra}, diagnostics or []))  # type: ignore[arg-type]
    else:
        _say(f"error: {exc.message}", *([f"  hint: {exc.hint}"] if exc.hint else []),
             err=True)
    raise typer.Exit(1)


def _no_valid_spec(exc: NoValidSpec, json_output: bool) -> NoReturn:
    errors = [d for d in exc.diagnostics if d.is_error]
    if not json_output:
        for d in errors:
            _say(f"  {d}", err=True)
    _fail(exc, json_output, rounds=exc.rounds, tokens=exc.tokens, diagnostics=errors)
