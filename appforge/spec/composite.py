"""Components written in the spec: their definitions (``components:``) and their uses.

A use (``type: rating_row``) is validated in two steps. The names under ``components:`` are
read from every file's raw data first; the component union sends a ``type`` that names one
(or ``slot``) to :class:`CompositeUse`, which keeps the mapping as written, and any other
unknown ``type`` stays an ordinary E0105. Once every file is validated, :func:`resolve_uses`
validates each use against a model made from its definition (props, events and slots become
keys), so an unknown or missing key is reported exactly as for a built-in, at the use, with a
did-you-mean. The checker then expands each use into the definition's body
(:mod:`appforge.checker.composites`): targets only ever see built-ins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import ConfigDict, Field, GetJsonSchemaHandler, ValidationError, create_model
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from appforge.diagnostics import Diagnostic, SourceSpan, did_you_mean, one_of
from appforge.loader.yaml_loader import LoadedDocument, Path
from appforge.spec.base import (
    IDENT_PATTERN,
    TEST_ID_PATTERN,
    ActionsRole,
    BoolExpr,
    ChildrenRole,
    SpecModel,
    role_of,
)

if TYPE_CHECKING:
    AnyComponent = Any

#: The name a definition answers to: lower case, like the built-ins.
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
#: The tag the component union gives a use (never written in a spec).
USE_TAG = "(spec component)"
#: The body's placeholder for a slot's content: ``{type: slot, name: footer}``.
SLOT_TYPE = "slot"
#: Keys every use has, so no prop, event or slot may take them.
RESERVED = ("type", "id", "visible")
DEFAULT_SLOT = "children"

_uses_seen = [0]
#: The names defined under `components:` in the project being validated (read from the raw
#: data of every file first, so a use's name is known whichever file defines it).
_defined: ContextVar[frozenset[str]] = ContextVar("appforge_composites", default=frozenset())


# ---- definitions ------------------------------------------------------------------------------


class PropSpec(SpecModel):
    """A prop: its type (written as a state key's), a default, whether a use must give it."""

    type: str = Field(description="string, number, integer, boolean, date, email, url, enum, "
                      "list, or a model name.")
    of: str | None = Field(default=None, description="The element type of a list.")
    values: list[str] | None = Field(default=None, description="The values of an enum.")
    default: Any = Field(default=None, description="The value when a use leaves it out.")
    required: bool = Field(default=False, description="A use must give it.")
    description: str | None = Field(default=None, description="What the prop is for.")


class EventSpec(SpecModel):
    """An event the body can `emit`; a use passes the actions it runs."""

    description: str | None = Field(default=None, description="When it happens.")


class SlotSpec(SpecModel):
    """A place in the body where a use's components go."""

    description: str | None = Field(default=None, description="What goes there.")


class CompositeSpec(SpecModel):
    """A component written in the spec, used like a built-in: ``type: <name>``."""

    description: str | None = Field(default=None, description="What the component is.")
    props: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], PropSpec | str] = Field(
        default_factory=dict, description="Values a use gives: name -> a type name (string, "
        "integer, a model...) or {type, of, values, default, required, description}; the body "
        "reads them as {{ props.<name> }}.")
    events: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], EventSpec | None] = Field(
        default_factory=dict, description="Events a use can handle with an action list "
        "(on_rate: [...]); the body runs them with {action: emit, event: <name>}.")
    slots: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], SlotSpec | None] = Field(
        default_factory=dict, description="Places for a use's own components; `children` is "
        "the usual one. The body puts them with {type: slot, name: <name>}.")
    body: Annotated[list["AnyComponent"], ChildrenRole()] = Field(  # noqa: UP037
        min_length=1, description="The components a use expands to.")


def prop_spec(value: PropSpec | str) -> PropSpec:
    """A prop written as a type name alone (``label: string``) or in full."""
    return PropSpec(type=value) if isinstance(value, str) else value


# ---- uses -----------------------------------------------------------------------------------


class CompositeUse(SpecModel):
    """A use of a component defined under ``components:``, or a ``{type: slot}``:
    :func:`resolve_uses` validates the rest of its keys once the definitions are validated."""

    model_config = ConfigDict(extra="allow")
    type: str

    @property
    def args(self) -> SpecModel | None:
        """The use validated against its definition (None until resolved, or when invalid)."""
        found: SpecModel | None = self.__dict__.get("_composite_args")
        return found

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        from appforge.spec.registry import component_classes

        schema = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["description"] = ("A component defined under `components:` (or a "
                                 "`{type: slot}` in a definition's body).")
        schema["properties"]["type"] = {"type": "string", "pattern": NAME_PATTERN,
                                        "not": {"enum": sorted(component_classes())}}
        return schema


class _UseBase(SpecModel):
    type: str
    id: str | None = Field(default=None, pattern=TEST_ID_PATTERN,
                           description="Test id; ids inside the body become <id>-<inner id>.")
    visible: BoolExpr | None = Field(default=None,
                                     description="Shown only while this is true.")


class SlotPlacement(SpecModel):
    """``{type: slot}`` in a body: where a use's components for that slot go."""

    type: str
    name: str = Field(default=DEFAULT_SLOT, pattern=IDENT_PATTERN,
                      description="The slot (default children).")


def use_tagger(inner: Callable[[Any], str | None], known: frozenset[str]
               ) -> Callable[[Any], str | None]:
    """The component union's discriminator: a registered type as itself, a defined name (or
    `slot`) as a use, so definitions need no change to the union. Any other name stays as it
    is, and Pydantic reports it as an unknown type with everything else wrong in the file."""

    def tag(value: Any) -> str | None:
        found = inner(value)
        if found is None or found in known:
            return found
        if found != SLOT_TYPE and found not in _defined.get():
            return found
        _uses_seen[0] += 1
        return USE_TAG

    return tag


def defined_names(documents: list[LoadedDocument]) -> frozenset[str]:
    """The names under `components:` in every file, from the raw data (before validation)."""
    names: set[str] = set()
    for doc in documents:
        section = doc.data.get("components") if isinstance(doc.data, dict) else None
        if isinstance(section, dict):
            names.update(k for k in section if isinstance(k, str))
    return frozenset(names)


@contextmanager
def defining(names: frozenset[str]) -> Iterator[None]:
    """Validate with these definition names known to the component union."""
    token = _defined.set(names)
    try:
        yield
    finally:
        _defined.reset(token)


def current_names() -> frozenset[str]:
    """The definition names of the project being validated (for 'did you mean' hints)."""
    return _defined.get()


def uses_seen() -> int:
    """How many uses the union has seen so far (a document with none needs no resolving)."""
    return _uses_seen[0]


# ---- resolving uses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Within:
    """A view of a document below ``base``, for Pydantic errors about one use's mapping."""

    doc: LoadedDocument
    base: Path
    data: Any

    @property
    def file(self) -> str:
        return self.doc.file

    def span(self, path: Path) -> SourceSpan:
        return self.doc.span((*self.base, *path))

    def key_span(self, path: Path) -> SourceSpan:
        return self.doc.key_span((*self.base, *path))


@cache
def _use_model(name: str, props: tuple[tuple[str, bool], ...], events: tuple[str, ...],
               slots: tuple[str, ...]) -> type[SpecModel]:
    """The model a use of a definition is validated against (one per definition shape)."""
    from appforge.spec.actions import any_action
    from appforge.spec.registry import any_component

    actions: Any = Annotated[list[any_action()], ActionsRole()]  # type: ignore[misc]
    children: Any = Annotated[list[any_component()], ChildrenRole()]  # type: ignore[misc]
    fields: dict[str, Any] = {}
    for prop, required in props:
        fields[prop] = (Any, ...) if required else (Any, None)
    for event in events:
        fields[event] = (actions, Field(default_factory=list))
    for slot in slots:
        fields[slot] = (children, Field(default_factory=list))
    model: type[SpecModel] = create_model(name, __base__=_UseBase, **fields)
    return model


def definition_names(definition: CompositeSpec) -> tuple[
        tuple[tuple[str, bool], ...], tuple[str, ...], tuple[str, ...]]:
    """(props with whether required, events, slots) of a definition."""
    props = tuple((name, prop_spec(p).required) for name, p in definition.props.items())
    return props, tuple(definition.events), tuple(definition.slots)


def resolve_uses(definitions: Mapping[str, tuple[CompositeSpec, LoadedDocument]],
                 roots: list[tuple[LoadedDocument, list[Any]]],
                 known: list[str], complete: bool = True) -> list[Diagnostic]:
    """Validate every use under ``roots`` (component lists) against its definition; with
    ``complete`` False (a file failed validation), a use of an unknown name is not reported."""
    diags: list[Diagnostic] = []
    for doc, items in roots:
        for comp in _walk(items):
            if isinstance(comp, CompositeUse):
                _resolve(comp, doc, definitions, known, diags, complete)
    return diags


def _walk(items: list[Any]) -> Iterator[Any]:
    stack = list(reversed(items))
    while stack:
        comp = stack.pop()
        yield comp
        if isinstance(comp, CompositeUse):
            holder: SpecModel | None = comp.args
        else:
            holder = comp
        if holder is None:
            continue
        for name in _child_fields(type(holder)):
            stack.extend(reversed(getattr(holder, name)))


@cache
def _child_fields(cls: type[SpecModel]) -> tuple[str, ...]:
    return tuple(name for name, info in cls.model_fields.items()
                 if isinstance(role_of(info), ChildrenRole))


def _resolve(use: CompositeUse, doc: LoadedDocument,
             definitions: Mapping[str, tuple[CompositeSpec, LoadedDocument]],
             known: list[str], diags: list[Diagnostic], complete: bool) -> None:
    path = use.spec_path
    raw: Any = doc.data
    for key in path:
        raw = raw[key]
    if use.type == SLOT_TYPE:
        model: type[SpecModel] = SlotPlacement
    elif use.type in definitions:
        model = _use_model(use.type, *definition_names(definitions[use.type][0]))
    elif not complete:
        return
    else:
        options = sorted({*known, *definitions})
        diags.append(Diagnostic("E0105", f"unknown component type '{use.type}'",
                                use.span_of("type"),
                                hint=did_you_mean(use.type, options) or one_of(options)))
        return
    try:
        args = model.model_validate(raw)
    except ValidationError as exc:
        from appforge.spec.errors import validation_diagnostics

        view: Any = _Within(doc, path, raw)
        diags.extend(validation_diagnostics(exc, view, model))
        return
    args.locate(doc, path)
    use.__dict__["_composite_args"] = args


def check_definitions(definitions: Mapping[str, tuple[CompositeSpec, LoadedDocument]],
                      known: list[str]) -> list[Diagnostic]:
    """Names a definition may not use: a registered component's, `slot`, a key every use has,
    or one name for two of its props, events and slots."""
    diags: list[Diagnostic] = []
    for name, (definition, doc) in definitions.items():
        where = ("components", name)
        if name in known or name == SLOT_TYPE:
            diags.append(Diagnostic(
                "E0112", f"'{name}' is already a component type", doc.key_span(where),
                hint="give the definition another name, such as my_" + name))
        seen: dict[str, str] = {}
        for section in ("props", "events", "slots"):
            for key in getattr(definition, section):
                if key in RESERVED:
                    diags.append(Diagnostic(
                        "E0112", f"'{key}' cannot be a prop, event or slot: every use has it",
                        doc.key_span((*where, section, key)), hint="rename it"))
                elif key in seen:
                    diags.append(Diagnostic(
                        "E0112", f"'{key}' is both one of the {seen[key]} and one of the "
                        f"{section}", doc.key_span((*where, section, key)),
                        hint="a use writes all of them as keys: rename one"))
                else:
                    seen[key] = section
    return diags
