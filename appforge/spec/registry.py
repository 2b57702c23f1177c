"""The component union: the models of every component kind (built-in or plugin, from the
``appforge.components`` entry points, see :mod:`appforge.kinds.component`).

Once all are known, the discriminated union ``AnyComponent`` is built and every model that
holds components is rebuilt against it; that happens once, the first time the spec models are
needed.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Union

from pydantic import Discriminator, Tag

from appforge.kinds.registry import COMPONENTS as ENTRY_POINT_GROUP
from appforge.spec.components import Component

__all__ = ["ENTRY_POINT_GROUP", "any_component", "component_classes", "forget", "rebuild"]


def _component_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        tag = value.get("type")
        return tag if isinstance(tag, str) else None
    return getattr(value, "type", None)


@cache
def component_classes() -> dict[str, type[Component]]:
    """Every registered component class by its ``type``; built-ins first, then plugins."""
    from appforge.kinds.component import component_kinds

    return {name: kind.model for name, kind in component_kinds().items()}


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


def forget(*holders: type[Any]) -> None:
    """Forget the union (the registered components changed: a test installed a plugin).
    Pydantic keeps a field's annotation once resolved, so the fields of the component classes
    and holders go back to their annotations as written, to be resolved again by the next
    :func:`rebuild`."""
    from pydantic._internal._mock_val_ser import set_model_mocks

    from appforge.spec import composite

    classes: tuple[type[Any], ...] = (*component_classes().values(), composite.CompositeSpec,
                                      *holders)
    for cls in classes:
        # A class's own keys (an inherited one is resolved in its own class's module, and
        # none of those holds components).
        written: dict[str, Any] = vars(cls).get("__annotations__", {})
        for name, info in cls.__pydantic_fields__.items():
            if name in written:
                info._original_annotation = written[name]
                info._complete = False
        # Nor may one model's rebuild reuse another's schema built with the old union.
        cls.__pydantic_complete__ = False
        set_model_mocks(cls)
    composite._use_model.cache_clear()  # use models hold the union
    component_classes.cache_clear()
    any_component.cache_clear()
