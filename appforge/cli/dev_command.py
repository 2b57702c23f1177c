"""``appforge dev``: serve the web build locally and reload on every save."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command()(dev)


def dev(
    path: Annotated[Path, typer.Argument(help="The project folder.")] = Path("."),
    port: Annotated[int, typer.Option(
        "--port", "-p", min=0, max=65535, help="Port (0 picks a free one).")] = 8000,
    host: Annotated[str, typer.Option(
        "--host", help="Address to bind; anything but 127.0.0.1 exposes the app.")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open a browser tab.")] = False,
    env: Annotated[list[str] | None, typer.Option(
        "--env", help="Build setting NAME=VALUE (repeatable).")] = None,
) -> None:
    """Build the web app, serve it on 127.0.0.1, rebuild and reload the browser on every save.

    A broken spec does not end the session: the browser shows the diagnostics over the last
    good build, and fixing the spec removes them.
    """
    from rich.console import Console

    from appforge.cli.env_option import parse_env
    from appforge.cli.output import render_human, terminal_safe, use_colour
    from appforge.dev.loop import serve
    from appforge.dev.rebuild import Outcome
    from appforge.loader import ENTRY_FILE
    from appforge.loader.project import source_reader

    # No emoji codes or markup in what we print from a spec or a path (":x:" stays text).
    # soft_wrap: rich would break long lines at its width, and a code frame with them.
    console = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)
    shown = terminal_safe(str(path))
    root = _project_root(path)
    if root is None:
        console.print(f"error: no project at {shown}: give a folder holding {ENTRY_FILE}, "
                      f"or that {ENTRY_FILE} itself", markup=False)
        raise typer.Exit(2)
    if not host.strip():  # "" would bind every interface, unannounced
        console.print("error: --host needs an address, such as 127.0.0.1", markup=False)
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning:[/] serving on {terminal_safe(host)}: other machines "
                      "can reach the app")

    def report(outcome: Outcome) -> None:
        if outcome.ok:
            console.print(f"[green]built[/] in {outcome.seconds * 1000:.0f} ms "
                          f"({len(outcome.changed)} file(s) changed)")
        else:
            text = render_human([d for d in outcome.diagnostics if d.is_error],
                                source_reader(root), use_colour())
            console.print(text, markup=False)
            console.print("[red]the spec has errors[/]: the last good build is still served")

    def ready(server: object) -> None:
        console.print(f"serving [bold]{server.url}[/] (Ctrl-C to stop)")  # type: ignore[attr-defined]

    try:
        serve(root, host, port, parse_env(env), report, open_browser, ready=ready)
    except OSError as exc:
        import errno

        reason = exc.strerror or str(exc)
        hint = {errno.EADDRINUSE: "another program uses this port: pick another with --port, "
                                  "or --port 0 for a free one",
                errno.EADDRNOTAVAIL: "this machine has no such address: try --host 127.0.0.1",
                errno.EACCES: "ports below 1024 need privileges: use --port 8000"}.get(
                    exc.errno or 0)
        console.print(f"error: cannot serve on {terminal_safe(host)} port {port}: {reason}"
                      + (f"\n  hint: {hint}" if hint else ""), markup=False)
        raise typer.Exit(1) from None


def _project_root(path: Path) -> Path | None:
    """The project folder ``path`` names (the folder or its appforge.yaml), or None.

    A file that is not an appforge.yaml (``dev /etc/hostname``) names no project: serving its
    folder would watch and rebuild whatever lives there."""
    from appforge.loader import ENTRY_FILE

    try:
        if path.is_dir():
            entry = path / ENTRY_FILE
            return path if entry.exists() or entry.is_symlink() else None
        if path.name == ENTRY_FILE and (path.exists() or path.is_symlink()):
            return path.parent
    except (OSError, ValueError):  # a NUL in the path, a name too long
        return None
    return None
