"""Whether targets support the action, source and function kinds an app uses: ``validate``
and ``build`` ask before anything is rendered, so they agree (E0111 at the kind's own place:
an action's, a source's, a function call's)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from appforge import ir
from appforge.diagnostics import Diagnostic, SourceSpan
from appforge.kinds.action import action_kinds, app_actions
from appforge.kinds.function import functions
from appforge.kinds.source import source_kinds


def supports(target: Any, group: str, kind: Any) -> bool:
    """A target supports a kind iff the kind has an implementation for it, or the target says
    so itself (a third-party target ships its own implementations: ``supports(group, name)``)."""
    ask = getattr(target, "supports", None)
    if callable(ask):
        answer = ask(group, kind.name)
        if answer is not None:
            return bool(answer)
    return str(getattr(target, "name", "")) in _implemented(kind)


def _implemented(kind: Any) -> Mapping[str, Any]:
    """target name -> the kind's code for it (a function kind calls it ``implementations``)."""
    found: Mapping[str, Any] | None = getattr(kind, "targets", None)
    implemented: Mapping[str, Any] = found if found is not None else kind.implementations
    return implemented


def unsupported(app: ir.App, targets: Iterable[str]) -> list[Diagnostic]:
    """E0111 for each action and data source the given targets cannot run (once per kind,
    target and place)."""
    from appforge.kinds.registry import ACTIONS, FUNCTIONS, SOURCES
    from appforge.targets import get_target

    actions, sources, fns = action_kinds(), source_kinds(), functions()
    out: list[Diagnostic] = []
    seen: set[tuple[str, str, object]] = set()
    for name in targets:
        try:
            target = get_target(name)
        except KeyError:
            continue  # build reports an unknown target itself (E0900)
        for source in app.data:
            kind = sources.get(source.kind)
            if kind is not None and not supports(target, SOURCES, kind):
                out.append(_diagnostic("data source kind", source.kind, name, source.span,
                                       kind.targets))
        for action in app_actions(app):
            akind = actions.get(action.kind)
            key = (name, action.kind, action.span)
            if akind is None or key in seen or supports(target, ACTIONS, akind):
                continue
            seen.add(key)
            out.append(_diagnostic("action", action.kind, name, action.span, akind.targets))
        # Functions: only when this target lacks one (every built-in runs everywhere), so
        # the usual app is not walked at all.
        lacking = {f for f, fkind in fns.items() if not supports(target, FUNCTIONS, fkind)}
        for call in _calls(app) if lacking else ():
            key = (name, call.function, call.span)
            if call.function in lacking and key not in seen:
                seen.add(key)
                out.append(_diagnostic("function", call.function, name, call.span,
                                       fns[call.function].implementations))
    return out


#: Leaves of the IR that hold no expression.
_LEAVES = (str, int, float, bool, type(None), ir.Type, SourceSpan)


def _calls(node: object) -> Iterator[ir.Call]:
    """Every function call in the IR under ``node``, in document order: components' props,
    visibility and slots, actions (each kind's own node), sources, page titles."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, _LEAVES):
            continue
        if isinstance(item, ir.Call):
            yield item
        if isinstance(item, Mapping):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, tuple | list):
            stack.extend(reversed(item))
        elif dataclasses.is_dataclass(item):
            stack.extend(getattr(item, f.name) for f in reversed(dataclasses.fields(item)))


def _diagnostic(noun: str, kind: str, target: str, span: Any,
                implemented: Iterable[str]) -> Diagnostic:
    others = sorted(implemented)
    hint = (f"it is implemented for {', '.join(others)}: build with --target {others[0]}"
            if others else "no installed target implements it")
    return Diagnostic("E0111", f"the {target} target does not support the {noun} '{kind}'",
                      span, hint=hint)
