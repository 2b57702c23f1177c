"""Ctrl-C: exit 130 (as a shell reports a process ended by SIGINT) with one quiet line, never a
traceback or a library's own notice.

typer turns a KeyboardInterrupt into exit 130 silently; :func:`install` notes that the key was
pressed so that :func:`appforge.cli.main` can say ``interrupted``, unless the command already
said more (``interrupted; nothing was written``) through :func:`interrupted`.
"""

from __future__ import annotations

import signal
from typing import Any

import typer


class _State:
    pressed = False
    reported = False


def interrupted(message: str = "interrupted") -> typer.Exit:
    """Say ``message`` (one line on stderr) and return the exit to raise (130)."""
    _State.reported = True
    typer.echo(message, err=True)
    return typer.Exit(130)


def _on_sigint(signum: int, frame: Any) -> None:
    _State.pressed = True
    signal.default_int_handler(signum, frame)  # raises KeyboardInterrupt


def install() -> None:
    """Watch for Ctrl-C (only where Python's own handler is in place: not under a test runner
    or an embedding program that chose another)."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)


def unreported() -> bool:
    """Whether Ctrl-C ended the command and nothing said so yet."""
    return _State.pressed and not _State.reported
