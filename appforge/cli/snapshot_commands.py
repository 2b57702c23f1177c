"""``appforge snapshot ...``: save, list, show, diff, restore, verify and gc.

Thin: each command calls :mod:`appforge.store`, prints (rich on a terminal, plain text in a
pipe, ``--json`` for programs) and sets the exit code: 0 ok, 1 a store error or problems found,
2 usage. Store errors are printed as a message and a hint, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from appforge.store import Store

app = typer.Typer(
    help="Record, compare and restore versions of a project's specs (in PROJECT/.appforge/).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PathOpt = Annotated[Path, typer.Option(
    "--path", "-p", help="The project folder (holding appforge.yaml).", file_okay=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
IdArg = Annotated[str, typer.Argument(
    metavar="ID", help="A snapshot id: any unique prefix of 4+ characters, or 'latest'.")]


def _console() -> Console:
    from rich.console import Console

    from appforge.cli.output import use_colour

    colour = use_colour(sys.stdout)
    tty = bool(getattr(sys.stdout, "isatty", None) and sys.stdout.isatty())
    # In a pipe each row stays on one line (no wrapping at 80 columns) for grep and friends.
    return Console(no_color=not colour, highlight=False, soft_wrap=True,
                   force_terminal=colour or None, color_system="auto" if colour else None,
                   width=None if tty else 400)


@contextmanager
def _store(path: Path) -> Iterator[Store]:
    """Open the store of ``path``; turn a StoreError into a message and exit code 1."""
    from appforge.store import Store, StoreError

    store = Store(path)
    try:
        yield store
    except StoreError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        if exc.hint:
            typer.echo(f"  hint: {exc.hint}", err=True)
        raise typer.Exit(1) from None
    finally:
        for notice in store.notices:
            typer.echo(f"note: {notice}", err=True)


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024**2 else \
        f"{n / 1024**2:.1f} MB"


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


@app.command()
def save(
    path_arg: Annotated[Path | None, typer.Argument(
        metavar="PATH", help="The project folder or its appforge.yaml (default: the current "
        "folder).")] = None,
    message: Annotated[str, typer.Option("--message", "-m", help="What this version is.")] = "",
    path: PathOpt = Path("."),
    json_output: JsonOpt = False,
) -> None:
    """Record the project's specs, data/ and assets/ as a snapshot and print its id."""
    from rich.markup import escape

    root = path_arg if path_arg is not None else path
    if root.is_file() and root.name == "appforge.yaml":
        root = root.parent  # `save my-app/appforge.yaml` means the project
    with _store(root) as store:
        oid = store.save(message)
        info = store.info(oid)
    if json_output:
        _print_json({"id": oid})
        return
    console = _console()
    files = f"{info.files} file{'s' if info.files != 1 else ''}"
    console.print(f"saved [bold]{oid[:12]}[/] ({files}, {_size(info.size)})"
                  + (f": {escape(message)}" if message else ""))


@app.command("list")
def list_(path: PathOpt = Path("."), json_output: JsonOpt = False) -> None:
    """List snapshots, newest first: id, time, message, files, size, parent."""
    from appforge.store.store import now_stamp

    with _store(path) as store:
        infos = store.list()
    if json_output:
        _print_json([i.to_json() for i in infos])
        return
    console = _console()
    if not infos:
        console.print("no snapshots yet (save one with `appforge snapshot save`)")
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("id", "time", "message", "files", "size", "parent"):
        table.add_column(column, justify="right" if column in ("files", "size") else "left",
                         no_wrap=column != "message")
    for i in infos:
        if i.problem:
            table.add_row(i.id[:12], "", f"[red]damaged: {escape(i.problem)}[/]", "", "", "")
            continue
        auto = " [dim](auto)[/]" if i.meta.get("auto") else ""
        table.add_row(i.id[:12], now_stamp(i.time), (escape(i.message) or "[dim]—[/]") + auto,
                      str(i.files), _size(i.size), (i.parent or "")[:12])
    console.print(table)


@app.command()
def show(snapshot: IdArg, path: PathOpt = Path("."), json_output: JsonOpt = False) -> None:
    """Show a snapshot: its message, time, metadata (such as an AI prompt) and files."""
    from appforge.store.store import now_stamp

    with _store(path) as store:
        snap = store.show(snapshot)
    if json_output:
        _print_json(snap.to_json())
        return
    console, info = _console(), snap.info
    console.print(f"[bold]snapshot {info.id}[/]")
    console.print(f"time     {now_stamp(info.time)}")
    console.print(f"message  {info.message or '—'}", markup=False)
    console.print(f"parent   {info.parent or '—'}")
    for key, value in sorted(info.meta.items()):
        console.print(f"meta     {key}: {json.dumps(value, ensure_ascii=False)}", markup=False)
    console.print(f"files    {info.files} ({_size(info.size)})")
    for e in snap.entries:
        console.print(f"  {_size(e.size):>9}  {e.blob[:12]}  {e.path}", markup=False)


@app.command()
def diff(
    a: Annotated[str, typer.Argument(metavar="A", help="The older snapshot (an id prefix).")],
    b: Annotated[str | None, typer.Argument(
        metavar="B", help="The snapshot to compare with (default: the working files).")] = None,
    path: PathOpt = Path("."),
    unified: Annotated[bool, typer.Option("--unified", "-u", help="Plain text diff of the files.")
                       ] = False,
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="The change summary as Markdown (for a pull request).")] = False,
    json_output: Annotated[bool, typer.Option(
        "--json", help="Changes as JSON, with an RFC 6902 JSON Patch between the specs.")] = False,
) -> None:
    """Say what changed between snapshot A and B (or the working files), in app terms."""
    from appforge.store import report

    if sum((unified, markdown, json_output)) > 1:
        typer.echo("error: choose one of --unified, --markdown and --json", err=True)
        raise typer.Exit(2)
    with _store(path) as store:
        result = report.diff_snapshots(store, a, b)
    if json_output:
        _print_json(result.to_json())
    elif unified:
        sys.stdout.write(report.unified(result))
    elif markdown:
        sys.stdout.write(report.markdown(result))
    else:
        _print_changes(_console(), result)


def _print_changes(console: Console, result: Any) -> None:
    from rich.text import Text

    left, right = result.labels
    console.print(Text(f"{left} → {right}", style="bold"))
    if result.result.note:
        console.print(Text(f"note: {result.result.note}", style="yellow"))
    if not result.result.changes:
        console.print("no changes")
        return
    marks = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
    for change in result.result.changes:
        mark, style = marks.get(change.kind, ("•", ""))
        console.print(Text(f"{mark} ", style=style) + Text(change.description))


@app.command()
def restore(
    snapshot: IdArg,
    path: PathOpt = Path("."),
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")
                   ] = False,
) -> None:
    """Make the working files those of a snapshot.

    The working files are saved first as an automatic snapshot when they differ from every
    snapshot, so a restore can always be undone.
    """
    with _store(path) as store:
        plan = store.restore(snapshot, dry_run=True)
        console = _console()
        if not plan.written and not plan.removed:
            console.print(f"the working files already match {plan.id[:12]}")
            return
        _print_plan(console, plan, "will")
        if not yes and not typer.confirm("restore?", default=False, err=True):
            typer.echo("nothing changed", err=True)
            raise typer.Exit(1)
        done = store.restore(plan.id)
    if done.autosaved:
        console.print(f"saved the working files first as [bold]{done.autosaved[:12]}[/] "
                      f"(undo with `appforge snapshot restore {done.autosaved[:12]}`)")
    console.print(f"restored {done.id[:12]}: {len(done.written)} written, "
                  f"{len(done.removed)} removed, {done.unchanged} unchanged")
    for rel in done.kept:
        console.print(f"kept {rel} (not in the snapshot and never saved)", markup=False)


def _print_plan(console: Console, plan: Any, verb: str) -> None:
    for rel in plan.written:
        console.print(f"  {verb} write   {rel}", markup=False)
    for rel in plan.removed:
        console.print(f"  {verb} remove  {rel}", markup=False)
    for rel in plan.kept:
        console.print(f"  {verb} keep    {rel} (never saved)", markup=False)
    if plan.needs_autosave:
        console.print("  the working files will be saved first as an automatic snapshot")


@app.command()
def verify(path: PathOpt = Path("."), json_output: JsonOpt = False) -> None:
    """Re-hash every object and follow every snapshot; exit 1 if anything is missing or corrupt."""
    from rich.markup import escape

    with _store(path) as store:
        problems = store.verify()
        count = len(store.list())
    if json_output:
        _print_json([{"kind": p.kind, "object": p.object, "message": p.message}
                     for p in problems])
    else:
        console = _console()
        for p in problems:
            console.print(f"[red]{p.kind}[/]: {escape(p.message)}")
        if problems:
            console.print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
        else:
            console.print(f"store is sound ({count} snapshot{'s' if count != 1 else ''})")
    raise typer.Exit(1 if problems else 0)


@app.command()
def gc(
    path: PathOpt = Path("."),
    keep_recent: Annotated[float, typer.Option(
        "--keep-recent", help="Keep unreachable objects younger than this many seconds.",
        min=0)] = 3600.0,
) -> None:
    """Drop objects no snapshot uses (left by interrupted saves); keep recent ones."""
    with _store(path) as store:
        result = store.gc(keep_recent)
    _console().print(f"removed {result.removed} objects ({_size(result.freed)}), "
                     f"kept {result.kept_recent} recent")


