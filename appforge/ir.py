"""The intermediate representation (IR): a checked spec, ready for any target.

Everything here is frozen plain data. References are resolved (a navigate names a page that
exists, a bind names an assignable path with its type), every expression is typed, knows the
reactive inputs it reads (``deps``) and keeps the span of the spec text it came from, so a target
can still point at the spec. ``env.<NAME>`` references are already folded into string literals.

Targets translate :class:`Expr` trees into their own language; they never see spec text as code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeAlias

from appforge.diagnostics import SourceSpan

# --------------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------------

TypeKind = Literal[
    "string", "number", "integer", "boolean", "date", "email", "url",
    "enum", "record", "list", "null", "any",
]

#: Kinds whose values are strings at run time.
STRING_KINDS = frozenset({"string", "date", "email", "url", "enum"})
NUMBER_KINDS = frozenset({"number", "integer"})


@dataclass(frozen=True, slots=True)
class Type:
    """A value type. ``record`` names a model; ``list`` has an element type; ``enum`` values."""

    kind: TypeKind
    model: str | None = None
    of: Type | None = None
    values: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.kind == "record":
            return self.model or "record"
        if self.kind == "list":
            return f"list of {self.of}"
        if self.kind == "enum":
            return "enum(" + ", ".join(self.values) + ")"
        return self.kind

    @property
    def is_string(self) -> bool:
        return self.kind in STRING_KINDS

    @property
    def is_number(self) -> bool:
        return self.kind in NUMBER_KINDS


STRING = Type("string")
NUMBER = Type("number")
INTEGER = Type("integer")
BOOLEAN = Type("boolean")
DATE = Type("date")
NULL = Type("null")
ANY = Type("any")  # the type of an expression that already has an error: suppresses cascades


def list_of(element: Type) -> Type:
    return Type("list", of=element)


# --------------------------------------------------------------------------------------------
# Expressions
# --------------------------------------------------------------------------------------------

#: Roots that an expression can read. ``loop`` is a list's loop variable (or ``index``).
RootKind = Literal["state", "params", "data", "form", "event", "loop"]


@dataclass(frozen=True, slots=True)
class Literal_:
    """A constant: str, int, float, bool or None (JSON data for record and list literals)."""

    value: object
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Ref:
    """A root name: ``state.<key>``, ``params.<name>``, ``data.<source>``, ``form.values``,
    ``event.value`` or a loop variable.

    ``name`` is the state key / param / source / loop variable as written in the spec;
    ``symbol`` is a safe identifier for generated code (loop variables only, e.g. ``l_task_2``).
    """

    root: RootKind
    name: str
    type: Type
    span: SourceSpan
    symbol: str = ""


@dataclass(frozen=True, slots=True)
class Member:
    obj: Expr
    name: str
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Index:
    obj: Expr
    index: Expr
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Call:
    """A call of an expression function: see :mod:`appforge.kinds.function`."""

    function: str
    args: tuple[Expr, ...]
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Unary:
    op: Literal["not", "-"]
    operand: Expr
    type: Type
    span: SourceSpan


BinaryOp = Literal["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or"]


@dataclass(frozen=True, slots=True)
class Binary:
    op: BinaryOp
    left: Expr
    right: Expr
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Conditional:
    condition: Expr
    then: Expr
    otherwise: Expr
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Template:
    """Text with ``{{ }}`` parts joined as text: parts are str (literal text) or Expr."""

    parts: tuple[str | Expr, ...]
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class ObjectLit:
    """A mapping written in YAML whose values may be expressions (an append value, a body)."""

    fields: tuple[tuple[str, Expr], ...]
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class ListLit:
    items: tuple[Expr, ...]
    type: Type
    span: SourceSpan


Expr: TypeAlias = (
    Literal_ | Ref | Member | Index | Call | Unary | Binary | Conditional | Template
    | ObjectLit | ListLit
)


@dataclass(frozen=True, slots=True)
class Value:
    """A typed expression plus the reactive inputs it reads.

    ``deps`` holds strings such as ``state.tasks``, ``data.quotes``, ``params.index``, ``form``,
    ``event`` or ``loop.<symbol>`` (a loop variable by its unique symbol, since a spec
    component's body may reuse a name): a target re-evaluates the value when one changes.
    """

    expr: Expr
    deps: frozenset[str]

    @property
    def type(self) -> Type:
        return self.expr.type

    @property
    def span(self) -> SourceSpan:
        return self.expr.span

    @property
    def is_constant(self) -> bool:
        return not self.deps

    @property
    def constant(self) -> object:
        """The value of a constant literal (``is_constant`` and a :class:`Literal_`)."""
        if isinstance(self.expr, Literal_):
            return self.expr.value
        raise ValueError("not a literal")


# --------------------------------------------------------------------------------------------
# Assignable paths
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """An assignable path: ``state.<key>[.field...]`` or ``<loopvar>[.field...]``.

    For a loop variable, ``state_key`` names the state list the record lives in (the loop's
    items are that list or a ``where(...)`` over it), so a write goes back to that record.
    """

    root: Literal["state", "loop"]
    name: str
    path: tuple[str, ...]
    type: Type
    state_key: str
    span: SourceSpan
    symbol: str = ""  # the loop variable's symbol when root == "loop"

    @property
    def dotted(self) -> str:
        head = f"state.{self.name}" if self.root == "state" else self.name
        return ".".join((head, *self.path))


# --------------------------------------------------------------------------------------------
# Actions
# --------------------------------------------------------------------------------------------


class Action(Protocol):
    """What every action's IR node has: its kind's name (``action.kind`` looks the kind up in
    :func:`appforge.kinds.action.action_kinds`) and its span. Each action kind defines its own
    frozen node in its folder (``appforge/kinds/actions/<name>/``)."""

    @property
    def kind(self) -> str: ...

    @property
    def span(self) -> SourceSpan: ...


# --------------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoopVar:
    """A list's or table's loop variable: ``name`` as written, ``symbol`` safe for code."""

    name: str
    symbol: str
    type: Type
    index_symbol: str  # the symbol of the item's position (``index`` in expressions)
    state_key: str | None  # the state list the records come from, when writable


Prop: TypeAlias = (
    "Value | Target | LoopVar | str | int | float | bool | tuple[Prop, ...] | PropMap | None"
)


@dataclass(frozen=True, slots=True)
class PropMap:
    """A nested mapping prop (a table column, a select option): key -> Prop."""

    items: tuple[tuple[str, Prop], ...]

    def get(self, key: str) -> Prop:
        for k, v in self.items:
            if k == key:
                return v
        return None


@dataclass(frozen=True, slots=True)
class Component:
    """One component instance.

    ``props`` maps each key the spec gave (defaults applied) to a :class:`Value` (text and
    expressions), a :class:`Target` (binds), a :class:`LoopVar` (``as``), plain config
    (level, variant, ...) or nested props. ``events`` maps ``on_*`` keys to action lists,
    ``slots`` maps child lists (``children``, ``item``) to components. ``uid`` is unique in the
    app and safe for code (``c12``); ``test_id`` is the spec's ``id``.
    """

    type: str
    uid: str
    test_id: str | None
    props: Mapping[str, Prop]
    events: Mapping[str, tuple[Action, ...]]
    slots: Mapping[str, tuple[Component, ...]]
    visible: Value | None
    span: SourceSpan

    def prop(self, key: str) -> Prop:
        return self.props.get(key)


# --------------------------------------------------------------------------------------------
# Models, state, data sources, pages, app
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: Type
    label: str
    required: bool = False
    default: object = None
    has_default: bool = False
    min_length: int | None = None
    max_length: int | None = None
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    span: SourceSpan | None = None


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    fields: tuple[Field, ...]
    span: SourceSpan

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class StateVar:
    key: str
    type: Type
    default: object  # JSON data
    persist: bool
    span: SourceSpan


class DataSource(Protocol):
    """What every data source's IR node has: its name, its kind's name (looked up in
    :func:`appforge.kinds.source.source_kinds`), the state key it fills and its span. Each
    source kind defines its own frozen node in its folder (``appforge/kinds/sources/<name>/``).
    """

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def into(self) -> Target | None: ...

    @property
    def span(self) -> SourceSpan: ...


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    path: str
    segments: tuple[str, ...]  # "/tasks/:index" -> ("tasks", ":index")
    params: tuple[tuple[str, Type], ...]
    title: Value
    on_load: tuple[Action, ...]
    body: tuple[Component, ...]
    span: SourceSpan
    icon: str | None = None  # an Ionicons name (checker/icons.py), for the page's tab


@dataclass(frozen=True, slots=True)
class Theme:
    primary: str = "#4f46e5"
    background: str = "#ffffff"
    surface: str = "#f9fafb"
    text: str = "#111827"
    danger: str = "#dc2626"
    radius: int = 8
    spacing: int = 8
    font: str = "system-ui"
    dark_background: str = "#0b1020"
    dark_surface: str = "#151a2e"
    dark_text: str = "#e5e7eb"
    dark_primary: str | None = None


@dataclass(frozen=True, slots=True)
class Analytics:
    url: str
    page_views: bool


@dataclass(frozen=True, slots=True)
class App:
    name: str
    id: str
    version: str
    description: str
    start: str
    nav: tuple[str, ...]
    analytics: Analytics | None
    env: Mapping[str, str]
    theme: Theme
    models: tuple[Model, ...]
    state: tuple[StateVar, ...]
    data: tuple[DataSource, ...]
    pages: tuple[Page, ...]
    assets: tuple[str, ...] = ()  # files under assets/ that images use, relative to the project
    project_root: str = ""
    spec_hash: str = ""
    spans: Mapping[str, SourceSpan] = field(default_factory=dict)

    def page(self, page_id: str) -> Page:
        return next(p for p in self.pages if p.id == page_id)

    def model(self, name: str) -> Model:
        return next(m for m in self.models if m.name == name)

    def state_var(self, key: str) -> StateVar:
        return next(s for s in self.state if s.key == key)
