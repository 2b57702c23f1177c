"""``appforge test``: build the app and run its journeys on the web and mobile builds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from appforge.cli.formats import Format


def register(app: typer.Typer) -> None:
    app.command(name="test")(test)


def test(
    path: Annotated[Path, typer.Argument(help="The project folder (or its appforge.yaml).")]
    = Path("."),
    target: Annotated[str, typer.Option("--target", "-t", help="web, mobile or all.")] = "all",
    pattern: Annotated[str | None, typer.Option(
        "-k", help="Run only journeys whose file::name contains PATTERN (or matches it as a "
        "glob).")] = None,
    headed: Annotated[bool, typer.Option("--headed", help="Show the browser.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")]
    = False,
    format: Annotated[Format, typer.Option(
        "--format", help="human, json or github (CI annotations).")] = Format.HUMAN,
    junit: Annotated[Path | None, typer.Option(
        "--junit", help="Also write JUnit XML to this file.")] = None,
    journeys: Annotated[Path | None, typer.Option(
        "--journeys", help="Read *.journey.yaml from this folder (default PATH/tests).")]
    = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Where builds, exports and screenshots go "
        "(default PATH/build/test).")] = None,
    node_modules: Annotated[Path | None, typer.Option(
        "--node-modules", help="An npm install of the mobile build's package.json "
        "(default: $APPFORGE_NODE_MODULES or PATH/build/mobile/node_modules).")] = None,
    env: Annotated[list[str] | None, typer.Option(
        "--env", help="Build setting NAME=VALUE (repeatable).")] = None,
    no_jest: Annotated[bool, typer.Option(
        "--no-jest", help="Skip the native (jest) run of the mobile journeys.")] = False,
) -> None:
    """Run the journeys of tests/*.journey.yaml on the web build (Chromium) and the mobile
    build (its web export in Chromium, and jest for native behaviour); with no journey
    written, open every page and check for console errors, CSP and accessibility violations.

    Exit 0 when every journey passes, 1 on a failure or spec errors, 2 on usage errors or a
    missing tool (Chromium, Node.js).
    """
    from appforge.cli.env_option import parse_env
    from appforge.cli.output import terminal_safe
    from appforge.cli.project import require_project
    from appforge.cli.report import report_diagnostics
    from appforge.journeys import run
    from appforge.journeys.report import render_github, render_human, render_json, write_junit

    if json_output:
        format = Format.JSON
    choices = {"web": ["web"], "mobile": ["mobile"], "all": ["web", "mobile"]}
    if target not in choices:
        typer.echo(f"error: unknown target '{terminal_safe(target)}' (choose web, mobile or all)",
                   err=True)
        raise typer.Exit(2)
    if journeys is not None and not journeys.is_dir():
        typer.echo(f"error: --journeys {terminal_safe(str(journeys))} is not a folder", err=True)
        raise typer.Exit(2)
    path = require_project(path, format is Format.JSON)  # walks up, as every command does
    result = run(path, targets=choices[target], pattern=pattern, headed=headed, out=out,
                 journeys_dir=journeys, node_modules=node_modules, env=parse_env(env),
                 jest=not no_jest)
    if junit is not None:
        write_junit(result, junit)
    if format is Format.JSON:
        sys.stdout.write(render_json(result) + "\n")
    else:
        report_diagnostics(result.diagnostics, result.root, format)
        if format is Format.GITHUB:
            text = render_github(result)
            if text:
                sys.stdout.write(text + "\n")
        elif result.results:
            typer.echo(render_human(result), err=True)
        if result.problem is not None:
            typer.echo(f"error: {terminal_safe(result.problem)}", err=True)
    raise typer.Exit(result.exit_code)
