"""Hand diagnostics to the right renderer and stream (shared by every command)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from appforge.cli.output import (
    Format,
    render_github,
    render_human,
    render_json,
    summary,
    use_colour,
)
from appforge.diagnostics import Diagnostic


def report_diagnostics(
    diagnostics: Sequence[Diagnostic],
    root: Path,
    format: Format = Format.HUMAN,
    ok_message: str | None = None,
) -> None:
    """Print diagnostics: JSON on stdout, human text and annotations on stderr."""
    if format is Format.JSON:
        sys.stdout.write(render_json(diagnostics) + "\n")
        return
    if format is Format.GITHUB:
        if diagnostics:
            sys.stdout.write(render_github(diagnostics) + "\n")
        return
    colour = use_colour(sys.stderr)
    if diagnostics:
        # The loader's reader: a FIFO or /dev/zero named appforge.yaml must not hang the report.
        from appforge.loader.project import source_reader

        # color=: click would strip the escapes whenever stderr is no terminal (FORCE_COLOR).
        typer.echo(render_human(diagnostics, source_reader(root), colour), err=True,
                   color=colour)
        typer.echo(f"\n{summary(diagnostics)}", err=True)
    elif ok_message:
        typer.echo(ok_message, err=True)
