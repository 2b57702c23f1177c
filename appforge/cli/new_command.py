"""``appforge new``: scaffold a working project."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from appforge.cli import complete


def register(app: typer.Typer) -> None:
    app.command()(new)


def new(
    name: Annotated[str, typer.Argument(help="The project folder to create (also its slug).")],
    template: Annotated[str, typer.Option(
        "--template", "-t", help="blank, todo or crud.", autocompletion=complete.templates)
    ] = "todo",
    no_input: Annotated[bool, typer.Option(
        "--no-input", help="Take every answer from NAME (for CI); no prompts.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Write into an existing, non-empty folder; files it replaces are "
        "copied to .appforge/backups/ first.")] = False,
    directory: Annotated[Path, typer.Option(
        "--dir", help="Where to create the project folder.")] = Path("."),
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create a project from a template: appforge.yaml, pages/, assets/, README, CI workflow,
    Dockerfile and nginx.conf. Prompts for the app's name and id when run in a terminal."""
    from dataclasses import replace

    from appforge.scaffold import (
        TEMPLATES,
        ScaffoldError,
        check_app_id,
        check_app_name,
        check_template,
        default_answers,
        scaffold,
    )

    try:
        answers = default_answers(name, template)
        if not no_input and sys.stdin.isatty():
            answers = replace(answers, app_name=_ask("App name", answers.app_name, check_app_name),
                              app_id=_ask("App id (reverse DNS)", answers.app_id, check_app_id),
                              template=_ask(f"Template ({', '.join(TEMPLATES)})",
                                            answers.template, check_template))
        created = scaffold(answers, directory, force=force)
    except ScaffoldError as exc:
        typer.echo(f"error: {_shown(exc.message)}"
                   + (f"\n  hint: {_shown(exc.hint)}" if exc.hint else ""), err=True)
        raise typer.Exit(2 if exc.usage else 1) from None
    except KeyboardInterrupt:  # while writing: the staging folder is removed on the way out
        from appforge.cli.interrupt import interrupted

        raise interrupted() from None
    path = created.path
    backup = created.backup.relative_to(path).as_posix() + "/" if created.backup else None
    if json_output:
        from appforge.cli.output import json_document as dumps

        typer.echo(dumps({"path": str(path), "template": answers.template,
                               "app_name": answers.app_name, "app_id": answers.app_id,
                               "replaced": created.replaced, "backup": backup}))
        return
    if created.replaced:
        typer.echo(f"replaced {', '.join(created.replaced)}; the previous versions are in "
                   f"{path / (backup or '')}", err=True)
    typer.echo(f"created {_shown(str(path))} ({answers.template} template)\n\n"
               f"  cd {_shown(str(path))}\n  appforge validate\n  appforge dev", err=True)


def _ask(label: str, default: str, check: Callable[[str], None]) -> str:
    """Prompt until the answer passes ``check``; a failed one is asked again with the reason."""
    from appforge.scaffold import ScaffoldError

    while True:
        try:
            # Typed answers lose spaces at either end (a stray space is not part of a name).
            answer = str(typer.prompt(label, default=default)).strip()
        except typer.Abort as exc:  # typer's (click's) answer to Ctrl-C and to end of input
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise _cancelled() from None
            typer.echo("\nerror: no answer (end of input); nothing was created", err=True)
            raise typer.Exit(2) from None
        try:
            check(answer)
            return answer
        except ScaffoldError as exc:
            typer.echo(f"  {_shown(exc.message)}" + (f": {_shown(exc.hint)}" if exc.hint else "")
                       + "; try again", err=True)


def _cancelled() -> typer.Exit:
    from appforge.cli.interrupt import interrupted

    # One line, on a line of its own (the prompt's line was not ended).
    return interrupted("\ncancelled; nothing was created")


def _shown(text: str) -> str:
    """``text`` with control characters and undecodable bytes escaped (a path from --dir)."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text if text.isprintable() else "".join(
        c if c.isprintable() or c == "\n" else repr(c)[1:-1] for c in text)
