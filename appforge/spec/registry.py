"""The component registry: built-ins and plugins, from the ``appforge.components`` entry points.

An entry point names a list of component classes (as ``BUILTIN_COMPONENTS`` does). Once all are
known, the discriminated union ``AnyComponent`` is built and every model that holds components
is rebuilt against it; that happens once, the first time the spec models are needed.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points
from typing import Annotated, Any, Union

from pydantic import Discriminator, Tag

from appforge.spec.components import BUILTIN_COMPONENTS, Component, component_type

ENTRY_POINT_GROUP = "appforge.components"


def _component_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        tag = value.get("type")
        return tag if isinstance(tag, str) else None
    return getattr(value, "type", None)


@cache
def component_classes() -> dict[str, type[Component]]:
    """Every registered component class by its ``type``; built-ins first, then plugins."""
    classes: dict[str, type[Component]] = {component_type(c): c for c in BUILTIN_COMPONENTS}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if ep.value.endswith(":BUILTIN_COMPONENTS"):
            continue
        for cls in ep.load():
            classes.setdefault(component_type(cls), cls)
    return classes


@cache
def any_component() -> Any:
    """The discriminated union of every registered component (by the ``type`` key)."""
    from appforge.spec.composite import USE_TAG, CompositeUse, use_tagger

    members = tuple(Annotated[cls, Tag(name)] for name, cls in component_classes().items())
    members += (Annotated[CompositeUse, Tag(USE_TAG)],)  # any other type: spec components
    tag = use_tagger(_component_tag, frozenset(component_classes()))
    return Annotated[Union[members], Discriminator(tag)]  # noqa: UP007


def rebuild(*holders: type[Any]) -> None:
    """Resolve ``AnyComponent``, ``AnyAction`` and ``AnyDataSource`` in every component class,
    the spec component definitions and the given holder models."""
    from appforge.spec.actions import any_action
    from appforge.spec.composite import CompositeSpec
    from appforge.spec.document import any_data_source

    namespace = {"AnyComponent": any_component(), "AnyAction": any_action(),
                 "AnyDataSource": any_data_source()}
    classes: tuple[type[Any], ...] = (*component_classes().values(), CompositeSpec, *holders)
    for cls in classes:
        cls.model_rebuild(force=True, _types_namespace=namespace)
