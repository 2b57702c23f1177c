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

from appforge.cli import complete

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
    metavar="ID", help="A snapshot id: any unique prefix of 4+ characters, or 'latest'.",
    autocompletion=complete.snapshots)]


def _console() -> Console:
    from rich.console import Console

    from appforge.cli.output import use_colour

    colour = use_colour(sys.stdout)
    tty = bool(getattr(sys.stdout, "isatty", None) and sys.stdout.isatty())
    # In a pipe each row stays on one line (no wrapping at 80 columns) for grep and friends.
    return Console(no_color=not colour, highlight=False, soft_wrap=True,
                   force_terminal=colour or None, color_system="auto" if colour else None,
                   width=None if tty else 400)


def shown(text: str) -> str:
    """``text`` safe to print on one line: a byte of a file name that is not UTF-8 (a lone
    surrogate) as ``\\xe9``, control characters (terminal escapes, newlines) as ``\\x1b``."""
    out = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if out.isprintable():
        return out
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in out)


def _printable(text: str) -> str:
    """Many lines of ``text`` with any lone surrogate (a non-UTF-8 file name) as ``\\xe9``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _usage_error(message: str, hint: str) -> typer.Exit:
    typer.echo(f"error: {shown(message)}\n  hint: {hint}", err=True)
    return typer.Exit(2)


def _check_project(path: Path, create: bool) -> None:
    """Exit 2 unless ``path`` is a project folder: it holds ``appforge.yaml``, or (except for
    a save, which needs the spec) a ``.appforge`` store. Never an empty answer for a typo."""
    try:
        if not path.exists():
            raise _usage_error(f"{path} does not exist",
                               "pass the project folder with --path (or run this inside it)")
        if not path.is_dir():
            raise _usage_error(f"{path} is not a folder", "pass the project folder with --path")
        if (path / "appforge.yaml").exists() or (not create and (path / ".appforge").exists()):
            return
    except OSError as exc:  # an unreadable parent folder, a name too long
        raise _usage_error(f"cannot look at {path}: {exc.strerror or exc}",
                           "check the path and its permissions") from None
    raise _usage_error(f"no project at {path.absolute()}: no appforge.yaml"
                       + ("" if create else " and no .appforge/ snapshot store"),
                       "run this in a project folder or pass its path with --path")


@contextmanager
def _store(path: Path, create: bool = False) -> Iterator[Store]:
    """Open the store of ``path`` (exit 2 if it is no project); turn a StoreError into a
    message and exit code 1."""
    from appforge.cli.project import find_project
    from appforge.store import Store, StoreError

    path = find_project(path) or path  # a folder inside the project means the project
    _check_project(path, create)
    store = Store(path)
    try:
        yield store
    except StoreError as exc:
        typer.echo(f"error: {shown(exc.message)}", err=True)
        if exc.hint:
            typer.echo(f"  hint: {shown(exc.hint)}", err=True)
        raise typer.Exit(1) from None
    finally:
        for notice in store.notices:
            typer.echo(f"note: {shown(notice)}", err=True)


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024**2 else \
        f"{n / 1024**2:.1f} MB"


def _print_json(value: Any) -> None:
    """The standard JSON document (docs/cli.md): a list goes under ``snapshots``."""
    from appforge.cli.output import json_document

    typer.echo(json_document(value if isinstance(value, dict) else {"snapshots": value}))


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
    with _store(root, create=True) as store:
        oid = store.save(message)
        info = store.info(oid)
    if json_output:
        _print_json({"id": oid})
        return
    console = _console()
    files = f"{info.files} file{'s' if info.files != 1 else ''}"
    console.print(f"saved [bold]{oid[:12]}[/] ({files}, {_size(info.size)})"
                  + (f": {escape(shown(message))}" if message else ""))


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
            table.add_row(i.id[:12], "", f"[red]damaged: {escape(shown(i.problem))}[/]", "", "",
                          "")
            continue
        auto = " [dim](auto)[/]" if i.meta.get("auto") else ""
        table.add_row(i.id[:12], now_stamp(i.time),
                      (escape(shown(i.message)) or "[dim]—[/]") + auto,
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
    console.print(f"message  {shown(info.message) or '—'}", markup=False)
    console.print(f"parent   {info.parent or '—'}")
    for key, value in sorted(info.meta.items()):
        console.print(f"meta     {shown(key)}: {shown(json.dumps(value, ensure_ascii=False))}",
                      markup=False)
    console.print(f"files    {info.files} ({_size(info.size)})")
    for e in snap.entries:
        console.print(f"  {_size(e.size):>9}  {e.blob[:12]}  {shown(e.path)}", markup=False)


@app.command()
def diff(
    a: Annotated[str, typer.Argument(metavar="A", help="The older snapshot (an id prefix).",
                                     autocompletion=complete.snapshots)],
    b: Annotated[str | None, typer.Argument(
        metavar="B", help="The snapshot to compare with (default: the working files).",
        autocompletion=complete.snapshots)] = None,
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
        sys.stdout.write(_printable(report.unified(result)))
    elif markdown:
        sys.stdout.write(_printable(report.markdown(result)))
    else:
        _print_changes(_console(), result)


def _print_changes(console: Console, result: Any) -> None:
    from rich.text import Text

    left, right = result.labels
    console.print(Text(f"{left} → {right}", style="bold"))
    if result.result.note:
        console.print(Text(f"note: {shown(result.result.note)}", style="yellow"))
    if not result.result.changes:
        console.print("no changes")
        return
    marks = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
    for change in result.result.changes:
        mark, style = marks.get(change.kind, ("•", ""))
        console.print(Text(f"{mark} ", style=style) + Text(shown(change.description)))


@app.command()
def restore(
    snapshot: IdArg,
    path: PathOpt = Path("."),
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")
                   ] = False,
) -> None:
    """Make the working files those of a snapshot.

    Every file the restore changes or removes is first in a snapshot (an automatic one is
    saved when no sound snapshot holds them), so a restore can always be undone. Only the
    spec's own files are removed; a README, a CI workflow and the like are never touched.
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
    elif done.covered_by:
        console.print(f"the files it replaced are in snapshot [bold]{done.covered_by[:12]}[/] "
                      f"(undo with `appforge snapshot restore {done.covered_by[:12]}`)")
    console.print(f"restored {done.id[:12]}: {len(done.written)} written, "
                  f"{len(done.removed)} removed, {done.unchanged} unchanged")
    for rel in done.kept:
        console.print(f"kept {shown(rel)} (not in the snapshot; the working spec does not load, "
                      "so it may not be the spec's)", markup=False)


def _print_plan(console: Console, plan: Any, verb: str) -> None:
    for rel in plan.written:
        console.print(f"  {verb} write   {shown(rel)}", markup=False)
    for rel in plan.removed:
        console.print(f"  {verb} remove  {shown(rel)}", markup=False)
    for rel in plan.kept:
        console.print(f"  {verb} keep    {shown(rel)} (not the spec's own: the spec does not "
                      "load)", markup=False)
    if plan.needs_autosave:
        console.print("  the files it replaces will be saved first as an automatic snapshot")


@app.command()
def verify(path: PathOpt = Path("."), json_output: JsonOpt = False) -> None:
    """Re-hash every object and follow every snapshot; exit 1 if anything is missing or corrupt."""
    from rich.markup import escape

    with _store(path) as store:
        problems = store.verify()
        count = len(store.list())
    if json_output:
        _print_json({"ok": not problems, "problems": [
            {"kind": p.kind, "object": p.object, "message": p.message} for p in problems]})
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


