"""Whether targets support the action and source kinds an app uses: ``validate`` and
``build`` ask before anything is rendered, so they agree (E0111 at the kind's own place)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from appforge import ir
from appforge.diagnostics import Diagnostic
from appforge.kinds.action import action_kinds, app_actions
from appforge.kinds.source import source_kinds


def supports(target: Any, group: str, kind: Any) -> bool:
    """A target supports a kind iff the kind has an implementation for it, or the target says
    so itself (a third-party target ships its own implementations: ``supports(group, name)``)."""
    ask = getattr(target, "supports", None)
    if callable(ask):
        answer = ask(group, kind.name)
        if answer is not None:
            return bool(answer)
    return str(getattr(target, "name", "")) in kind.targets


def unsupported(app: ir.App, targets: Iterable[str]) -> list[Diagnostic]:
    """E0111 for each action and data source the given targets cannot run (once per kind,
    target and place)."""
    from appforge.kinds.registry import ACTIONS, SOURCES
    from appforge.targets import get_target

    actions, sources = action_kinds(), source_kinds()
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
    return out


def _diagnostic(noun: str, kind: str, target: str, span: Any,
                implemented: Iterable[str]) -> Diagnostic:
    others = sorted(implemented)
    hint = (f"it is implemented for {', '.join(others)}: build with --target {others[0]}"
            if others else "no installed target implements it")
    return Diagnostic("E0111", f"the {target} target does not support the {noun} '{kind}'",
                      span, hint=hint)
