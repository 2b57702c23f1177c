"""The kind registry: one table per entry point group, filled from installed packages.

Groups: ``appforge.components``, ``appforge.actions``, ``appforge.functions``,
``appforge.sources`` (and ``appforge.targets``, in :mod:`appforge.targets.base`). An entry point's
name is the kind's name as a spec writes it (``type: select``, ``do: toast``, ``upper(...)``,
``kind: rest``); its value is the kind object (or a list of them, for a package that registers
several under one entry point). The built-ins are registered the same way in appforge's own
``pyproject.toml``; ``BUILTIN`` below only backs a source tree that was never installed (no
entry points yet).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from appforge.kinds.functions import BUILTIN as BUILTIN_FUNCTIONS

COMPONENTS = "appforge.components"
ACTIONS = "appforge.actions"
FUNCTIONS = "appforge.functions"
SOURCES = "appforge.sources"
GROUPS = (COMPONENTS, ACTIONS, FUNCTIONS, SOURCES)

#: group -> {name: "module:attr"}, for a source tree without installed metadata. Each kind
#: package adds its built-ins here as well as in pyproject.toml (a test checks they agree).
BUILTIN: dict[str, dict[str, str]] = {group: {} for group in GROUPS}
# The order is the one the docs and the union of action models list them in.
BUILTIN[SOURCES] = {
    "rest": "appforge.kinds.sources.rest:KIND",
    "static": "appforge.kinds.sources.static:KIND",
}
BUILTIN[ACTIONS] = {
    "set": "appforge.kinds.actions.set:KIND",
    "append": "appforge.kinds.actions.append:KIND",
    "remove": "appforge.kinds.actions.remove:KIND",
    "toggle": "appforge.kinds.actions.toggle:KIND",
    "reset": "appforge.kinds.actions.reset:KIND",
    "navigate": "appforge.kinds.actions.navigate:KIND",
    "fetch": "appforge.kinds.actions.fetch:KIND",
    "toast": "appforge.kinds.actions.toast:KIND",
    "if": "appforge.kinds.actions.if_:KIND",
    "open_url": "appforge.kinds.actions.open_url:KIND",
    "track": "appforge.kinds.actions.track:KIND",
}
BUILTIN[FUNCTIONS].update(BUILTIN_FUNCTIONS)

#: The built-in components (appforge/kinds/components/<name>/), as in pyproject.toml; in the
#: catalogue's order (the reference and the schema list them so).
BUILTIN[COMPONENTS].update({
    name: f"appforge.kinds.components.{name}:KIND"
    for name in ("heading", "text", "image", "link", "button", "input", "textarea", "checkbox",
                 "switch", "select", "row", "column", "card", "dialog", "tabs", "tab",
                 "divider", "spacer", "list",
                 "table", "form")})


def load(value: str) -> Any:
    """The object an entry point value ("module:attr") names."""
    module_name, _, attr = value.partition(":")
    obj: Any = import_module(module_name)
    for part in attr.split(".") if attr else ():
        obj = getattr(obj, part)
    return obj


@cache
def entry_point_values(group: str) -> Mapping[str, str]:
    """name -> "module:attr" for a group: the built-in table, then installed entry points (a
    plugin may not replace a built-in: the built-in wins, so a spec means the same thing on
    every machine)."""
    found: dict[str, str] = dict(BUILTIN.get(group, {}))
    eps: list[EntryPoint] = sorted(entry_points(group=group), key=lambda e: (e.name, e.value))
    for ep in eps:
        found.setdefault(ep.name, ep.value)
    return found


def table(group: str, accept: Callable[[Any], bool] | None = None) -> dict[str, Any]:
    """The loaded kinds of a group by name. An entry point that names a list registers each
    item under its own ``name`` attribute; ``accept`` filters what a group understands."""
    kinds: dict[str, Any] = {}
    for name, value in entry_point_values(group).items():
        obj = load(value)
        items = obj if isinstance(obj, (list, tuple)) else [obj]
        for item in items:
            key = getattr(item, "name", None) if len(items) > 1 else name
            if isinstance(key, str) and (accept is None or accept(item)):
                kinds.setdefault(key, item)
    return kinds
