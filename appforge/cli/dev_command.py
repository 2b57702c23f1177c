"""``appforge dev``: serve the web build locally and reload on every save."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command()(dev)


def dev(
    path: Annotated[Path, typer.Argument(help="The project folder.")] = Path("."),
    port: Annotated[int, typer.Option("--port", "-p", help="Port (0 picks a free one).")] = 8000,
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
    from appforge.cli.output import render_human, use_colour
    from appforge.dev.loop import serve
    from appforge.dev.rebuild import Outcome
    from appforge.loader import find_entry
    from appforge.loader.project import source_reader

    console = Console(stderr=True, highlight=False)
    if not find_entry(path).exists():
        console.print(f"error: no appforge.yaml in {path}")
        raise typer.Exit(2)
    root = find_entry(path).parent
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning:[/] serving on {host}: other machines can reach the app")

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
        console.print(f"error: cannot serve on {host}:{port}: {exc.strerror}")
        raise typer.Exit(1) from None
