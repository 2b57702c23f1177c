"""``appforge build``: compile a project into its targets' files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from appforge.cli.formats import Format

if TYPE_CHECKING:
    from appforge.pipeline import BuildResult


def register(app: typer.Typer) -> None:
    app.command()(build)


def build(
    path: Annotated[Path, typer.Argument(help="The project folder (or its appforge.yaml).")]
    = Path("."),
    target: Annotated[str, typer.Option(
        "--target", "-t", help="web, mobile or all.")] = "web",
    # A string, not a Path: Path("") is ".", and `--out ""` must not quietly mean the current
    # folder.
    out: Annotated[str | None, typer.Option(
        "--out", "-o", help="Output folder; each target goes to OUT/<target>/ "
        "(default: PATH/build).")] = None,
    env: Annotated[list[str] | None, typer.Option(
        "--env", help="Build setting NAME=VALUE (repeatable); overrides APPFORGE_NAME.")] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; exit 1 when the files on disk differ from a fresh "
        "build.")] = False,
    snapshot: Annotated[str | None, typer.Option(
        "--snapshot", help="Build a recorded snapshot (id or prefix) instead of the working "
        "files.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="List every file written, with its size.")] = False,
) -> None:
    """Compile the spec and write the app: DIR/web/ (static files), DIR/mobile/ (Expo).

    Builds are deterministic and atomic: a failed build leaves the previous one intact.
    Exit 0 when built, 1 on spec or build errors (or differences with --check), 2 on usage.
    """
    import json

    from appforge.cli.env_option import parse_env
    from appforge.cli.report import report_diagnostics
    from appforge.pipeline import build as run_build
    from appforge.targets import available_targets

    targets = available_targets() if target == "all" else [target]
    if target != "all" and target not in available_targets():
        typer.echo(f"error: unknown target '{target}' (choose {', '.join(available_targets())}"
                   " or all)", err=True)
        raise typer.Exit(2)
    out_dir = _out_option(out)
    settings = parse_env(env)
    if snapshot is not None:
        result = _build_snapshot(path, snapshot, targets, out_dir, settings, check)
    else:
        with _progress(quiet or json_output, f"building {', '.join(targets)}"):
            result = run_build(path, targets, out_dir, settings, check_only=check,
                               on_wait=_tell_waiting)
    shown = [d for d in result.diagnostics if d.is_error] if quiet else result.diagnostics
    if not json_output:
        report_diagnostics(shown, result.root, Format.HUMAN)
    if json_output:
        summary = {"ok": result.ok, "spec_hash": result.spec_hash,
                   "diagnostics": [d.to_json() for d in result.diagnostics],
                   "targets": [{"target": o.target, "out": str(o.out_dir), "files": o.files,
                                "bytes": o.bytes, "differences": o.differences}
                               for o in result.outputs]}
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    elif not quiet:
        for o in result.outputs:
            if check:
                state = "up to date" if not o.differences else \
                    f"{len(o.differences)} difference(s):\n  " + "\n  ".join(o.differences)
                typer.echo(f"{o.target}: {o.out_dir} {state}", err=True)
            else:
                typer.echo(f"built {o.target}: {o.out_dir} ({o.files} files, "
                           f"{o.bytes / 1024:.1f} KB)", err=True)
                if verbose:
                    for written in sorted(o.out_dir.rglob("*")):
                        if written.is_file():
                            typer.echo(f"  {written.relative_to(o.out_dir).as_posix()} "
                                       f"({written.stat().st_size:,} bytes)", err=True)
    raise typer.Exit(0 if result.ok else 1)


def _out_option(out: str | None) -> Path | None:
    """The --out folder; empty or blank is a usage error (it would mean the current folder)."""
    if out is None:
        return None
    if not out.strip():
        typer.echo("error: --out needs a folder (got an empty value); omit it to build into "
                   "PATH/build", err=True)
        raise typer.Exit(2)
    return Path(out)


def _tell_waiting(message: str) -> None:
    typer.echo(message, err=True)


def _build_snapshot(path: Path, snapshot: str, targets: list[str], out: Path | None,
                    env: dict[str, str], check: bool) -> BuildResult:
    """Materialize a snapshot into a temporary folder and build that, writing into the
    project's build folder: the working files are never touched."""
    import tempfile

    from appforge.loader import find_entry
    from appforge.pipeline import build as run_build
    from appforge.store import Store, StoreError

    root = find_entry(path).parent.resolve()
    try:
        store = Store(root)
        full = store.resolve(snapshot)
        with tempfile.TemporaryDirectory(prefix="appforge-snapshot-") as tmp:
            store.materialize(full, Path(tmp))
            return run_build(tmp, targets, out or root / "build", env, check_only=check,
                             on_wait=_tell_waiting)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _progress(quiet: bool, message: str):  # type: ignore[no-untyped-def]
    """A spinner on a terminal (rich), nothing in CI logs or with --quiet/--json."""
    import contextlib

    if quiet or not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)
