"""Shell completion of option and argument values: targets, templates, diagnostic codes and
snapshot ids (``appforge --install-completion`` installs the shell side).

Each function takes what typer passes (``incomplete``, the text typed so far, and the click
context) and returns ``(value, help)`` pairs. They never raise: a failure while completing
must not print a traceback into the user's command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

Items = list[tuple[str, str]]


def _matching(items: Items, incomplete: str) -> Items:
    return [(v, h) for v, h in items if v.lower().startswith(incomplete.lower())]


def targets(incomplete: str) -> Items:
    """``build --target``: the registered targets and ``all``."""
    try:
        from appforge.targets import available_targets

        names = available_targets()
    except Exception:  # a broken plugin's entry point: complete the built-ins
        names = ["mobile", "web"]
    items = [(n, f"the {n} target") for n in names] + [("all", "every target")]
    return _matching(items, incomplete)


def templates(incomplete: str) -> Items:
    """``new --template``."""
    from appforge.scaffold import TEMPLATES

    blurbs = {"blank": "one page to start from", "todo": "a to-do list with persisted state",
              "crud": "list, add and edit records through a REST API"}
    return _matching([(t, blurbs.get(t, "")) for t in TEMPLATES], incomplete)


def codes(incomplete: str) -> Items:
    """``explain CODE``: every diagnostic code with its title."""
    from appforge.codes import CODES

    return _matching([(code, entry.title) for code, entry in sorted(CODES.items())], incomplete)


def _project_of(ctx: Any) -> Path | None:
    from appforge.cli.project import find_project

    params = getattr(ctx, "params", None) or {}
    given = params.get("path_arg") or params.get("path")
    return find_project(Path(given) if given else None)


def snapshots(ctx: Any, incomplete: str) -> Items:
    """Snapshot ids (12 characters, enough to be unique) and ``latest``, with each message."""
    try:
        root = _project_of(ctx)
        if root is None or not (root / ".appforge").is_dir():
            return []
        from appforge.store import Store

        infos = Store(root if root.is_dir() else root.parent).list()
    except Exception:  # a damaged store: nothing to offer rather than a traceback
        return []
    items = [("latest", "the newest snapshot")] if infos else []
    for info in infos:
        message = (info.message or "").splitlines()[0][:60] if info.message else ""
        items.append((info.id[:12], message))
    return [(v, h) for v, h in items if v.startswith(incomplete.lower())]
