"""The base of every spec model, and the roles a key can play.

A key's *role* tells the checker what to do with its value, so the checker walks any component
(built-in or plugin) generically: ``Text`` is text with ``{{ }}`` parts, ``Expr(kind)`` an
expression (or a literal) of a type, ``Bind`` an assignable path, ``Actions`` an event's action
list, ``Children`` nested components, ``Scoped`` a key evaluated inside a list's loop scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict
from pydantic_core import PydanticCustomError

from appforge.diagnostics import SourceSpan
from appforge.loader.yaml_loader import LoadedDocument, Path, ScalarInfo

_LOC = "_spec_location"
_NOWHERE: tuple[None, Path] = (None, ())


class SpecModel(BaseModel):
    """A mapping in a spec file. Unknown keys are errors; every instance knows where it is."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, strict=False,
                              validate_default=False, arbitrary_types_allowed=True)

    def locate(self, doc: LoadedDocument, path: Path) -> None:
        """Record where this model and (recursively) its nested models are in the spec."""
        # Kept in the instance dict, not as a pydantic private attribute: private attributes
        # cost an extra dict per instance and a slow __getattr__ on every read, and a large
        # spec has tens of thousands of models. Serialisation and equality ignore the key.
        self.__dict__[_LOC] = (doc, path)
        for name, key in _keys(type(self)):
            if name in self.__pydantic_fields_set__:
                _locate_value(self.__dict__[name], doc, (*path, key))

    def _where(self) -> tuple[LoadedDocument | None, Path]:
        found: tuple[LoadedDocument | None, Path] = self.__dict__.get(_LOC, _NOWHERE)
        return found

    @property
    def spec_file(self) -> str:
        doc, _ = self._where()
        return doc.file if doc else "<spec>"

    @property
    def spec_path(self) -> Path:
        return self._where()[1]

    @property
    def span(self) -> SourceSpan:
        """Where this mapping is."""
        doc, path = self._where()
        return doc.span(path) if doc else SourceSpan.unknown("<spec>")

    def span_of(self, *keys: str | int) -> SourceSpan:
        """Where the value at ``keys`` below this mapping is (falls back to the nearest node)."""
        doc, path = self._where()
        return doc.span((*path, *keys)) if doc else SourceSpan.unknown("<spec>")

    def key_span(self, *keys: str | int) -> SourceSpan:
        """Where the key (not the value) at ``keys`` below this mapping is."""
        doc, path = self._where()
        return doc.key_span((*path, *keys)) if doc else SourceSpan.unknown("<spec>")

    def scalar_info(self, *keys: str | int) -> ScalarInfo | None:
        doc, path = self._where()
        return doc.scalar((*path, *keys)) if doc else None

    def has(self, key: str) -> bool:
        """Whether the spec wrote this key (as opposed to a default)."""
        for name, info in type(self).model_fields.items():
            if (info.alias or name) == key:
                return name in self.model_fields_set
        return False


@cache
def _keys(cls: type[SpecModel]) -> tuple[tuple[str, str], ...]:
    """(field name, spec key) of a model class, computed once per class."""
    return tuple((name, info.alias or name) for name, info in cls.model_fields.items())


def _locate_value(value: Any, doc: LoadedDocument, path: Path) -> None:
    if isinstance(value, SpecModel):
        value.locate(doc, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _locate_value(item, doc, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (SpecModel, list, dict)):
                _locate_value(item, doc, (*path, key))


# --------------------------------------------------------------------------------------------
# Roles (read by the checker from a field's metadata)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """Base of the roles; ``scoped`` keys see the loop variable of a list/table."""

    scoped: bool = False


@dataclass(frozen=True)
class TextRole(Role):
    """Text, with ``{{ }}`` parts joined as text."""


@dataclass(frozen=True)
class ExprRole(Role):
    """An expression (or a plain literal) of the given kind: boolean, list, any, number, ..."""

    kind: str = "any"


@dataclass(frozen=True)
class BindRole(Role):
    """An assignable path whose type is one of ``kinds`` (empty: any scalar)."""

    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionsRole(Role):
    """An event: a list of actions. ``provides`` names what the event offers (form, event)."""

    provides: str = ""


@dataclass(frozen=True)
class ChildrenRole(Role):
    """Nested components."""


@dataclass(frozen=True)
class PageRefRole(Role):
    """The id of a page."""


@dataclass(frozen=True)
class ParamsRole(Role):
    """Page parameters given to a link or a navigate: name -> expression."""


def _scalar_to_text(value: Any) -> Any:
    """Numbers and booleans where text is expected read as their YAML text (``label: 42``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return value


#: Text with ``{{ }}`` parts.
Text = Annotated[str, BeforeValidator(_scalar_to_text), TextRole()]
ScopedText = Annotated[str, BeforeValidator(_scalar_to_text), TextRole(scoped=True)]
#: A boolean, or an expression of boolean type.
BoolExpr = Annotated[bool | str, ExprRole(kind="boolean")]
#: An expression that yields a list.
ListExpr = Annotated[str, ExprRole(kind="list")]
#: Any JSON-like value whose strings may hold expressions (set/append values, params, bodies).
AnyValue = Annotated[Any, ExprRole(kind="any")]
#: A whole number: ``true`` (YAML's boolean), ``1.0`` and ``"3"`` are type errors, not 1, 1
#: and 3 (lax validation read ``max_length: false`` as 0).
Int = Annotated[int, Strict()]
#: A number: an integer or a float, never a boolean or a text.
Number = Annotated[float, Strict()]


def exactly_int(value: Any) -> Any:
    """For Literal[1]-like keys (``appforge: 1``), which Strict() cannot mark: True == 1 and
    1.0 == 1 in Python, so without this ``appforge: true`` passed as version 1."""
    if type(value) is not int:
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


#: An identifier in the spec (page ids, state keys, loop variable names).
IDENT_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
#: A component id, used as data-testid / testID.
TEST_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"


def role_of(info: Any) -> Role | None:
    """A field's role, also when it is wrapped in ``X | None`` (Pydantic keeps it inside)."""
    for meta in info.metadata:
        if isinstance(meta, Role):
            return meta
    return _role_in(info.annotation)


def _role_in(annotation: Any) -> Role | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Role):
            return meta
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _role_in(arg)
        if found is not None:
            return found
    return None
