"""The ``appforge`` command: a thin typer shell over the library.

Each command parses its options, calls one library function, hands diagnostics to
:mod:`appforge.cli.output` and sets the exit code, the same for every command: 0 ok, 1 spec or
build errors, 2 usage errors or no project (found by walking up from the current folder,
:mod:`appforge.cli.project`), 130 interrupted (Ctrl-C, one quiet line). Heavy imports
(pydantic, yaml, jinja2, openai, cookiecutter) happen inside the commands so that
``appforge --help`` stays as fast as typer itself. docs/cli.md describes the conventions.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from appforge.cli import (
    ai_commands,
    build_command,
    dev_command,
    new_command,
    snapshot_commands,
    spec_commands,
    test_command,
)


class Command(TyperCommand):
    """A typer command whose usage line names arguments the classic way, ``NAME`` and
    ``[PATH]``: typer's own ``{name}`` reads like a template placeholder left unfilled."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.metavar or param.name or "arg").upper()
                name = name if param.required else f"[{name}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces


def _version(value: bool) -> None:
    if value:
        from appforge import __version__

        typer.echo(f"appforge {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="appforge",
    help="Compile declarative YAML app specs into web and mobile apps.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help: rich help rendering imports markdown and pygments (+65 ms per call).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True,
        help="Print the version and exit.")] = False,
) -> None:
    """Compile declarative YAML app specs into web and mobile apps."""


spec_commands.register(app)
build_command.register(app)
new_command.register(app)
dev_command.register(app)
test_command.register(app)
app.add_typer(snapshot_commands.app, name="snapshot")
app.add_typer(ai_commands.app, name="ai")


def _use_command_class(typer_app: typer.Typer) -> None:
    for info in typer_app.registered_commands:
        if info.cls is None or info.cls is TyperCommand:
            info.cls = Command
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _use_command_class(group.typer_instance)


_use_command_class(app)


def main() -> None:
    """Entry point of the ``appforge`` script.

    typer runs in non-standalone mode so that an interrupted prompt ends like any other
    Ctrl-C (exit 130, one line) rather than with click's "Aborted!" and exit 1."""
    from appforge.cli import interrupt

    interrupt.install()
    try:
        code = app(standalone_mode=False)
    except Exception as exc:  # click's own exceptions, re-raised in non-standalone mode
        if type(exc).__name__ == "Abort":  # Ctrl-C or end of input at a prompt
            if interrupt.unreported():
                sys.stderr.write("\ninterrupted\n")
                sys.exit(130)
            sys.stderr.write("\naborted (no answer)\n")
            sys.exit(1)
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):  # a usage error: message, exit 2
            show()
            sys.exit(exit_code)
        if os.environ.get("APPFORGE_DEBUG"):
            raise
        # A bug of ours, not the user's input: one line that says so and how to see more,
        # never a traceback (the output folder is as the last good build left it).
        sys.stderr.write(f"appforge: internal error: {type(exc).__name__}: {exc}\n"
                         "This is a bug in appforge, not in your spec. Run again with "
                         "APPFORGE_DEBUG=1 for the traceback, and report it with the command "
                         "you ran.\n")
        sys.exit(1)
    if interrupt.unreported():
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
