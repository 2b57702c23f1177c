"""``validate``, ``schema``, ``components`` and ``explain``: the language's own commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from appforge.cli.formats import Format

PathArg = Annotated[
    Path,
    typer.Argument(help="A project folder (holding appforge.yaml) or the appforge.yaml itself."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
    app.command()(components)
    app.command()(explain)


def validate(
    path: PathArg = Path("."),
    json_output: JsonOpt = False,
    format: Annotated[
        Format, typer.Option("--format", help="human, json or github (CI annotations).")
    ] = Format.HUMAN,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also say what was checked: files, pages, components, time.")]
    = False,
) -> None:
    """Check a project: YAML, keys, names, types and expressions.

    Prints every problem as file:line:column with a code frame and a hint.
    Exit 0 when clean (warnings allowed), 1 on errors, 2 on usage errors.
    """
    import time

    from appforge.cli.report import report_diagnostics
    from appforge.pipeline import check_project

    if json_output:
        format = Format.JSON
    started = time.perf_counter()
    result = check_project(path)
    from appforge.journeys import journey_diagnostics

    result.diagnostics.extend(journey_diagnostics(result))  # tests/*.journey.yaml, if any
    if verbose and format is Format.HUMAN:
        _describe(result, time.perf_counter() - started)
    shown = [d for d in result.diagnostics if d.is_error] if quiet else result.diagnostics
    report_diagnostics(shown, result.root, format, ok_message="spec is valid")
    if result.project.loaded.entry is None and not (path / "appforge.yaml").exists() \
            and not path.is_file():
        raise typer.Exit(2)  # no project there: the command was called wrongly
    raise typer.Exit(1 if result.has_errors else 0)


def _describe(result: object, seconds: float) -> None:
    """The --verbose summary: what the check covered."""
    from appforge.pipeline import CheckResult

    assert isinstance(result, CheckResult)
    files = len(result.project.loaded.read_files)
    line = f"checked {files} file{'s' if files != 1 else ''} in {seconds * 1000:.0f} ms"
    if result.app is not None:
        components = 0
        stack = [c for page in result.app.pages for c in page.body]
        while stack:
            comp = stack.pop()
            components += 1
            for children in comp.slots.values():
                stack.extend(children)
        line += (f": {len(result.app.pages)} pages, {components} components, "
                 f"{len(result.app.state)} state keys, {len(result.app.models)} models, "
                 f"{len(result.app.data)} data sources")
    typer.echo(line, err=True)


def schema(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the schema to this file.")
    ] = None,
) -> None:
    """Print the JSON Schema of the spec language (for editors' YAML language server)."""
    from appforge.spec.schema import schema_text

    text = schema_text()
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {out}", err=True)


def components(
    name: Annotated[str | None, typer.Argument(help="Show one component only.")] = None,
    json_output: JsonOpt = False,
) -> None:
    """List the component catalogue: each component's keys, their types and what it is for."""
    from appforge.spec.catalogue import component_catalogue

    catalogue = component_catalogue()
    if name is not None:
        catalogue = [c for c in catalogue if c["type"] == name]
        if not catalogue:
            from appforge.diagnostics import did_you_mean
            from appforge.spec.catalogue import component_types

            hint = did_you_mean(name, component_types()) or "run `appforge components`"
            typer.echo(f"error: unknown component '{name}' ({hint})", err=True)
            raise typer.Exit(2)
    if json_output:
        import json

        typer.echo(json.dumps(catalogue, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for entry in catalogue:
        table = Table(title=f"[bold]{entry['type']}[/] — {entry['description']}",
                      title_justify="left", show_edge=False, expand=False)
        table.add_column("key")
        table.add_column("type")
        table.add_column("required")
        table.add_column("description")
        for key in entry["keys"]:
            table.add_row(key["name"], key["type"], "yes" if key["required"] else "",
                          key["description"])
        console.print(table)
        console.print()


def explain(code: Annotated[str, typer.Argument(help="An error code such as E0203.")]) -> None:
    """Explain an error or warning code, with an example and the fix."""
    from appforge.codes import CODES

    entry = CODES.get(code.upper())
    if entry is None:
        typer.echo(f"error: unknown code '{code}' (codes look like E0203 or W0101)", err=True)
        raise typer.Exit(2)
    typer.echo(f"{code.upper()}: {entry.title}\n\n{entry.explanation.strip()}\n")
