"""Which targets support the components a spec uses: ``validate`` and ``build`` ask the same
question, so a component no selected target can render is an error at its own place (E0111),
never a failed build."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from appforge.diagnostics import Diagnostic
from appforge.kinds.component import component_kind, supports
from appforge.spec import Spec
from appforge.spec.base import ChildrenRole, SpecModel, role_of
from appforge.spec.components import Component


def support_diagnostics(spec: Spec, targets: Sequence[str]) -> list[Diagnostic]:
    """An E0111 for each component (at its own span) whose kind a selected target does not
    support. A type that is not a registered kind (a component written in the spec) is left
    to whatever expands it; an unknown target is left to the build (E0900)."""
    from appforge.targets.base import get_target

    loaded: list[Any] = []
    for name in targets:
        try:
            loaded.append(get_target(name))
        except (KeyError, ImportError):
            continue
    diags: list[Diagnostic] = []
    answers: dict[tuple[str, str], bool] = {}
    for comp in _components(page.body for page in spec.pages):
        if component_kind(comp.type) is None:
            continue
        for target in loaded:
            key = (target.name, comp.type)
            if key not in answers:
                answers[key] = supports(target, comp.type)
            if not answers[key]:
                diags.append(Diagnostic(
                    "E0111", f"the {target.name} target does not support component "
                    f"'{comp.type}'", comp.span,
                    hint=_hint(comp.type, [t.name for t in loaded])))
    return diags


def _hint(kind_name: str, selected: list[str]) -> str:
    kind = component_kind(kind_name)
    has = sorted(kind.implementations) if kind is not None else []
    if not has:
        return (f"'{kind_name}' has no implementation for any target: update the package "
                "that provides it")
    return (f"'{kind_name}' is implemented for {', '.join(has)}: build only for "
            f"{'it' if len(has) == 1 else 'those'} (--target), or use another component")


def _components(lists: Iterator[list[Any]]) -> Iterator[Component]:
    stack = [c for items in lists for c in items]
    while stack:
        comp = stack.pop()
        if not isinstance(comp, Component):
            continue
        yield comp
        for name in _child_keys(type(comp)):
            stack.extend(getattr(comp, name))


@cache
def _child_keys(cls: type[SpecModel]) -> tuple[str, ...]:
    """The fields of a component model that hold components."""
    return tuple(name for name, info in cls.model_fields.items()
                 if isinstance(role_of(info), ChildrenRole))
