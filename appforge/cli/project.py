"""Which project a command works on: the folder holding ``appforge.yaml``, found by walking up
from the folder given (the current one by default), as git, ruff and dbt find theirs.

``appforge validate`` in ``my-app/pages/`` checks ``my-app``. No project there or above is a
usage error (exit 2) with the same words from every command.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

ENTRY_FILE = "appforge.yaml"  # appforge.loader.ENTRY_FILE, without importing the loader


def find_project(path: Path | None = None) -> Path | None:
    """The project ``path`` is in: ``path`` itself when it is a file (a spec file named on the
    command line) or holds ``appforge.yaml``, else the nearest folder above it that holds one.
    None when there is none (or ``path`` does not exist).

    A folder that holds the project is returned as given (its messages keep the user's
    spelling); one found above is returned absolute."""
    given = Path(".") if path is None else path
    try:
        if given.is_file() or _holds_entry(given):
            return given
        if not given.is_dir():
            return None
        for folder in given.resolve().parents:
            if _holds_entry(folder):
                return folder
    except (OSError, ValueError):  # a NUL in the path, a name too long, no permission
        return None
    return None


def _holds_entry(folder: Path) -> bool:
    entry = folder / ENTRY_FILE
    return entry.exists() or entry.is_symlink()  # a dangling link is reported by the loader


def no_project_message(path: Path | None) -> tuple[str, str]:
    """The error and hint every command prints when ``path`` is in no project."""
    from appforge.cli.output import terminal_safe

    shown = terminal_safe(str(Path(".") if path is None else path), 500)
    try:
        missing = path is not None and not path.exists() and not path.is_symlink()
    except (OSError, ValueError):
        missing = True
    if missing:
        return (f"no project at {shown}: no such file or folder",
                "pass a project folder (holding appforge.yaml) or run this inside one")
    try:
        is_file = path is not None and not path.is_dir()
    except (OSError, ValueError):
        is_file = False
    if is_file:
        return (f"no project at {shown}: it is a file, not a project folder or its "
                f"{ENTRY_FILE}", f"pass the folder holding {ENTRY_FILE}")
    return (f"no project at {shown}: no {ENTRY_FILE} there or in any folder above it",
            "run `appforge new NAME` to start a project, or pass its folder")


def require_project(path: Path | None = None, json_output: bool = False) -> Path:
    """:func:`find_project`, or the no-project error (exit 2): a message and hint on stderr,
    and with ``json_output`` the standard JSON document on stdout too."""
    found = find_project(path)
    if found is None:
        fail_no_project(path, json_output)
    return found


def fail_no_project(path: Path | None, json_output: bool = False) -> NoReturn:
    message, hint = no_project_message(path)
    if json_output:
        from appforge.cli.output import json_document, no_project_diagnostic

        typer.echo(json_document({"ok": False},
                                 diagnostics=[no_project_diagnostic(message, hint)]))
    typer.echo(f"error: {message}\n  hint: {hint}", err=True)
    raise typer.Exit(2)
