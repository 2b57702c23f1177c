"""The base of every component model, and the key types component models share.

Each component kind (``appforge/kinds/components/<name>/``, or a plugin's) defines a model
whose class docstring is its one-line description and whose fields carry a description and a
role (see :mod:`appforge.spec.base`); the checker, the JSON Schema, ``appforge components`` and
``docs/reference.md`` are all derived from these classes. Child lists are typed
``list[AnyComponent]``, resolved by :mod:`appforge.spec.registry` once every registered
component (built-in or plugin) is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import Field

from appforge.spec.actions import AnyAction
from appforge.spec.base import (
    TEST_ID_PATTERN,
    ActionsRole,
    BoolExpr,
    ChildrenRole,
    SpecModel,
)

if TYPE_CHECKING:
    AnyComponent = Any

Actions = Annotated[list[AnyAction], ActionsRole()]
ChangeActions = Annotated[list[AnyAction], ActionsRole(provides="event")]
SubmitActions = Annotated[list[AnyAction], ActionsRole(provides="form")]
Children = Annotated[list["AnyComponent"], ChildrenRole()]
ScopedChildren = Annotated[list["AnyComponent"], ChildrenRole(scoped=True)]
TEXT_KINDS = ("string", "email", "url", "date", "enum", "number", "integer")


class Component(SpecModel):
    """Base of all components: ``type``, ``id`` (the test hook) and ``visible``."""

    #: Keys that are containers of other components, in render order.
    container: ClassVar[bool] = False

    type: str
    id: str | None = Field(default=None, pattern=TEST_ID_PATTERN,
                           description="Test id: data-testid on web, testID on mobile.")
    visible: BoolExpr | None = Field(default=None,
                                     description="Shown only while this is true.")


def component_type(cls: type[Component]) -> str:
    """The ``type`` value a component class answers to."""
    annotation = cls.model_fields["type"].annotation
    args = getattr(annotation, "__args__", ())
    if not args:
        raise TypeError(f"{cls.__name__}.type must be a Literal")
    return str(args[0])
