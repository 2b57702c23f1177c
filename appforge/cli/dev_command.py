"""``appforge dev``: serve the web build locally and reload on every save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console


def register(app: typer.Typer) -> None:
    app.command()(dev)


def dev(
    path: Annotated[Path, typer.Argument(
        help="The project folder, a folder inside it or its appforge.yaml (default: the "
        "project around the current folder).")] = Path("."),
    port: Annotated[int, typer.Option(
        "--port", "-p", min=0, max=65535, help="Port (0 picks a free one).")] = 8000,
    host: Annotated[str, typer.Option(
        "--host", help="Address to bind; anything but 127.0.0.1 exposes the app.")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open a browser tab.")] = False,
    env: Annotated[list[str] | None, typer.Option(
        "--env", help="Build setting NAME=VALUE (repeatable).")] = None,
    proxy: Annotated[list[str] | None, typer.Option(
        "--proxy", metavar="PREFIX=URL", help="Forward a path to a local API, such as "
        "/api=http://127.0.0.1:9000 (repeatable; adds to app.dev.proxy in the spec).")] = None,
    allow_remote_proxy: Annotated[bool, typer.Option(
        "--allow-remote-proxy", help="Let --proxy and app.dev.proxy forward to other "
        "machines, not only to this one.")] = False,
    editor_url: Annotated[str | None, typer.Option(
        "--editor-url", envvar="APPFORGE_EDITOR_URL", show_envvar=True,
        help="The link the overlay opens a file with, from path, line and col in braces "
        "(default: VS Code's vscode://file...; '' for none).")] = None,
) -> None:
    """Build the web app, serve it on 127.0.0.1, rebuild and reload the browser on every save.

    A broken spec does not end the session: the browser shows the diagnostics over the last
    good build, and fixing the spec removes them.
    """
    from appforge.cli.env_option import parse_env
    from appforge.cli.output import console as make_console
    from appforge.cli.output import render_human, terminal_safe, use_colour
    from appforge.cli.project import fail_no_project
    from appforge.dev import proxy as proxying
    from appforge.dev.loop import serve
    from appforge.dev.rebuild import Outcome
    from appforge.dev.server import DEFAULT_EDITOR_URL
    from appforge.loader.project import source_reader

    # No emoji codes or markup in what we print from a spec or a path (":x:" stays text).
    # soft_wrap: rich would break long lines at its width, and a code frame with them.
    console: Console = make_console(stderr=True)
    root = _project_root(path)
    if root is None:
        fail_no_project(path)
    try:
        rules = proxying.parse_option(proxy or [], allow_remote_proxy)
    except proxying.ProxyError as exc:
        console.print(f"error: --proxy {terminal_safe(str(exc))}", markup=False)
        raise typer.Exit(2) from None
    if not host.strip():  # "" would bind every interface, unannounced
        console.print("error: --host needs an address, such as 127.0.0.1", markup=False)
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning:[/] serving on {terminal_safe(host)}: other machines "
                      "can reach the app")

    def report(outcome: Outcome) -> None:
        for note in outcome.notes:
            console.print(f"warning: {terminal_safe(note)}", markup=False, style="yellow")
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
        for line in proxying.describe(server.build.proxy):  # type: ignore[attr-defined]
            console.print(f"  proxy {terminal_safe(line)}", markup=False)

    try:
        serve(root, host, port, parse_env(env), report, open_browser, ready=ready,
              proxy=rules, allow_remote_proxy=allow_remote_proxy,
              editor_url=DEFAULT_EDITOR_URL if editor_url is None else editor_url)
    except KeyboardInterrupt:
        from appforge.cli.interrupt import interrupted

        raise interrupted("stopped") from None
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
    """The project folder ``path`` is in (the folder, a folder inside it, or its
    appforge.yaml), or None.

    A file that is not an appforge.yaml (``dev /etc/hostname``) names no project: serving its
    folder would watch and rebuild whatever lives there."""
    from appforge.cli.project import ENTRY_FILE, find_project

    try:
        if path.name == ENTRY_FILE and (path.exists() or path.is_symlink()) \
                and not path.is_dir():
            return path.parent
        if not path.is_dir():
            return None
    except (OSError, ValueError):  # a NUL in the path, a name too long
        return None
    return find_project(path)
