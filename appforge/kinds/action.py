"""The action kind: what one ``action:`` of an event list is, in one object.

An action kind lives in one folder (the built-ins in ``appforge/kinds/actions/<name>/``) and is
registered under the ``appforge.actions`` entry points, the built-ins exactly as a plugin. It
holds the spec model (the keys and their roles), the checker rule that turns a checked model into
its IR node, and one :class:`ActionImpl` per target that can run it: how a call is written and
the runtime snippet shipped to an app that uses the action (and only then). A target supports an
action iff the kind has an implementation for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appforge import ir
from appforge.kinds import registry

if TYPE_CHECKING:
    from appforge.checker.actions import ActionChecker
    from appforge.spec.base import SpecModel


@dataclass(frozen=True)
class ActionImpl:
    """An action on one target. ``emit(emitter, node)`` writes the call (``A.<name>(...)``)
    with the target's emitter; ``runtime`` is the file whose code defines it in the target's
    runtime (``R.act.<name>`` on the web, an entry of the ``A`` object on mobile)."""

    emit: Callable[[Any, Any], str]
    runtime: Path | None = None
    #: Style rules the target adds when the action is used (the web's toasts), or None.
    css: Path | None = None

    def code(self) -> str:
        return self.runtime.read_text(encoding="utf-8") if self.runtime is not None else ""

    def style(self) -> str:
        return self.css.read_text(encoding="utf-8") if self.css is not None else ""


def _no_lists(node: Any) -> tuple[tuple[ir.Action, ...], ...]:
    return ()


def _no_pages(node: Any) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class ActionKind:
    """One action: ``name`` is the ``action:`` value a spec writes."""

    name: str
    model: type[SpecModel]
    check: Callable[[ActionChecker, Any], ir.Action | None]
    targets: Mapping[str, ActionImpl] = field(default_factory=dict)
    #: The action lists a node holds (``if``'s branches), for walks over every action.
    nested: Callable[[Any], tuple[tuple[ir.Action, ...], ...]] = _no_lists
    #: The pages a node can open (``navigate``), for the journeys checker.
    pages: Callable[[Any], tuple[str, ...]] = _no_pages
    #: A short YAML example for the docs.
    example: str = ""


def _accept(obj: Any) -> bool:
    return isinstance(obj, ActionKind)


@cache
def action_kinds() -> Mapping[str, ActionKind]:
    """Every registered action kind by name (built-ins first, in their registered order)."""
    kinds = registry.table(registry.ACTIONS, _accept)
    return {name: kind for name, kind in kinds.items() if kind.name == name}


def action_kind(name: str) -> ActionKind:
    return action_kinds()[name]


def walk(actions: Iterable[ir.Action]) -> Iterator[ir.Action]:
    """Every action of a list, the nested ones (an ``if``'s branches) too."""
    stack = list(actions)[::-1]
    kinds = action_kinds()
    while stack:
        action = stack.pop()
        yield action
        kind = kinds.get(action.kind)
        if kind is not None:
            for items in reversed(kind.nested(action)):
                stack.extend(reversed(items))


def app_actions(app: ir.App) -> Iterator[ir.Action]:
    """Every action of an app: pages' on_load, components' events, sources' on_error."""
    lists: list[tuple[ir.Action, ...]] = []
    for source in app.data:
        lists.extend(source_action_lists(source))
    for page in app.pages:
        lists.append(page.on_load)
        stack = list(page.body)
        while stack:
            comp = stack.pop()
            lists.extend(comp.events.values())
            for children in comp.slots.values():
                stack.extend(children)
    for items in lists:
        yield from walk(items)


def source_action_lists(source: ir.DataSource) -> tuple[tuple[ir.Action, ...], ...]:
    """The action lists a data source holds (a REST source's ``on_error``), by its kind."""
    from appforge.kinds.source import source_kinds

    kind = source_kinds().get(source.kind)
    return kind.actions(source) if kind is not None else ()


def used_actions(app: ir.App) -> list[str]:
    """The names of the action kinds an app runs, in the registry's order."""
    used = {a.kind for a in app_actions(app)}
    return [name for name in action_kinds() if name in used]


def folder(module_file: str) -> Path:
    """The folder of a kind's ``__init__.py``: where its runtime snippets are."""
    return Path(module_file).parent
