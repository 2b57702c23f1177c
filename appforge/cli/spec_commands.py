"""``validate``, ``schema``, ``components`` and ``explain``: the language's own commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from appforge.cli import complete
from appforge.cli.formats import Format

PathArg = Annotated[
    Path,
    typer.Argument(help="A project folder (holding appforge.yaml), a folder inside one, or a "
                   "spec file (default: the project around the current folder)."),
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
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print errors only (nothing when the spec is valid).")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also say what was checked: files, pages, components, time.")]
    = False,
    target: Annotated[str, typer.Option(
        "--target", "-t", help="The targets the app must build for: web, mobile or all.",
        autocompletion=complete.targets)] = "all",
) -> None:
    """Check a project: YAML, keys, names, types and expressions, and that every target
    supports the components, actions and data sources it uses.

    Prints every problem as file:line:column with a code frame and a hint.
    Exit 0 when clean (warnings allowed), 1 on errors, 2 on usage errors.
    """
    import time

    from appforge.cli.project import require_project
    from appforge.cli.report import report_diagnostics
    from appforge.pipeline import check_project

    if json_output:
        format = Format.JSON
    from appforge.targets import available_targets

    if target != "all" and target not in available_targets():
        from appforge.cli.output import terminal_safe

        choices = ", ".join(available_targets())
        typer.echo(f"error: unknown target '{terminal_safe(target)}' (choose {choices} or all)",
                   err=True)
        raise typer.Exit(2)
    project = require_project(path, json_output=format is Format.JSON)
    started = time.perf_counter()
    targets = available_targets() if target == "all" else [target]
    result = check_project(project, targets=targets)
    from appforge.journeys import journey_diagnostics

    result.diagnostics.extend(journey_diagnostics(result))  # tests/*.journey.yaml, if any
    if result.app is not None:
        from appforge.kinds.support import unsupported

        result.diagnostics.extend(unsupported(result.app, targets))
    if verbose and format is Format.HUMAN:
        _describe(result, time.perf_counter() - started)
    shown = [d for d in result.diagnostics if d.is_error] if quiet else result.diagnostics
    report_diagnostics(shown, result.root, format,
                       ok_message=None if quiet else "spec is valid")
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
    from appforge.cli.output import terminal_safe
    from appforge.spec.schema import schema_text

    text = schema_text()
    if out is None:
        sys.stdout.write(text)
        return
    shown = terminal_safe(str(out))
    if out.is_dir():  # `--out build/`, `--out ""` (the current folder)
        typer.echo(f"error: {shown} is a folder; --out takes a file name, such as "
                   f"{terminal_safe(str(out / 'appforge.schema.json'))}", err=True)
        raise typer.Exit(2)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:  # a file where a folder goes, /proc, no permission
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        blocking = _file_in_the_way(out)
        if blocking is not None:
            reason = f"{terminal_safe(str(blocking))} is a file, not a folder"
        typer.echo(f"error: cannot write {shown}: {reason}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {shown}", err=True)


def _file_in_the_way(out: Path) -> Path | None:
    """The nearest ancestor of ``out`` that exists and is not a folder, if any."""
    for parent in reversed(out.parents):
        try:
            if parent.exists() and not parent.is_dir():
                return parent
        except OSError:
            return None
    return None


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
            from appforge.cli.output import terminal_safe

            typer.echo(f"error: unknown component '{terminal_safe(name, 200)}' ({hint})",
                       err=True)
            raise typer.Exit(2)
    if json_output:
        from appforge.cli.output import json_document

        typer.echo(json_document({"components": catalogue}))
        return
    from rich.table import Table

    from appforge.cli.output import console as make_console

    console = make_console(stderr=False, soft_wrap=False)
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


def explain(code: Annotated[str, typer.Argument(
        help="An error code such as E0203.", autocompletion=complete.codes)]) -> None:
    """Explain an error or warning code, with an example and the fix."""
    from appforge.codes import CODES

    entry = CODES.get(code.upper())
    if entry is None:
        from appforge.cli.output import terminal_safe

        typer.echo(f"error: unknown code '{terminal_safe(code, 200)}' (codes look like E0203 "
                   "or W0101)", err=True)
        raise typer.Exit(2)
    typer.echo(f"{code.upper()}: {entry.title}\n\n{entry.explanation.strip()}\n")
