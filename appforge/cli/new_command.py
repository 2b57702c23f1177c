"""``appforge new``: scaffold a working project."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command()(new)


def new(
    name: Annotated[str, typer.Argument(help="The project folder to create (also its slug).")],
    template: Annotated[str, typer.Option(
        "--template", "-t", help="blank, todo or crud.")] = "todo",
    no_input: Annotated[bool, typer.Option(
        "--no-input", help="Take every answer from NAME (for CI); no prompts.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Write into an existing, non-empty folder.")] = False,
    directory: Annotated[Path, typer.Option(
        "--dir", help="Where to create the project folder.")] = Path("."),
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create a project from a template: appforge.yaml, pages/, assets/, README, CI workflow,
    Dockerfile and nginx.conf. Prompts for the app's name and id when run in a terminal."""
    from appforge.scaffold import (
        TEMPLATES,
        Answers,
        ScaffoldError,
        create_project,
        default_answers,
    )

    try:
        answers = default_answers(name, template)
        if not no_input and sys.stdin.isatty():
            answers = Answers(
                slug=name,
                app_name=typer.prompt("App name", default=answers.app_name),
                app_id=typer.prompt("App id (reverse DNS)", default=answers.app_id),
                template=typer.prompt(f"Template ({', '.join(TEMPLATES)})",
                                      default=answers.template),
            )
        path = create_project(answers, directory, force=force)
    except ScaffoldError as exc:
        typer.echo(f"error: {exc.message}" + (f"\n  hint: {exc.hint}" if exc.hint else ""),
                   err=True)
        raise typer.Exit(2 if "not empty" in exc.message or "usable" in exc.message or
                         "unknown template" in exc.message else 1) from None
    if json_output:
        import json

        typer.echo(json.dumps({"path": str(path), "template": answers.template,
                               "app_name": answers.app_name, "app_id": answers.app_id}))
        return
    typer.echo(f"created {path} ({answers.template} template)\n\n"
               f"  cd {path}\n  appforge validate\n  appforge dev", err=True)
