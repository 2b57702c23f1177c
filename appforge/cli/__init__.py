"""The ``appforge`` command: a thin typer shell over the library.

Each command parses its options, calls one library function, hands diagnostics to
:mod:`appforge.cli.output` and sets the exit code (0 ok, 1 spec or build errors, 2 usage).
Heavy imports (pydantic, yaml, jinja2, openai, cookiecutter) happen inside the commands so that
``appforge --help`` stays as fast as typer itself.
"""

from __future__ import annotations

import typer

from appforge.cli import (
    ai_commands,
    build_command,
    dev_command,
    new_command,
    snapshot_commands,
    spec_commands,
    test_command,
)

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

spec_commands.register(app)
build_command.register(app)
new_command.register(app)
dev_command.register(app)
test_command.register(app)
app.add_typer(snapshot_commands.app, name="snapshot")
app.add_typer(ai_commands.app, name="ai")


def main() -> None:
    """Entry point of the ``appforge`` script."""
    app()
