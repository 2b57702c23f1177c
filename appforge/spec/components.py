"""The built-in component catalogue.

Each component is a model whose class docstring is its one-line description and whose fields
carry a description and a role (see :mod:`appforge.spec.base`); the checker, the JSON Schema,
``appforge components`` and ``docs/reference.md`` are all derived from these classes. Child
lists are typed ``list[AnyComponent]``, resolved by :mod:`appforge.spec.registry` once every
registered component (built-in or plugin) is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field

from appforge.spec.actions import AnyAction
from appforge.spec.base import (
    IDENT_PATTERN,
    TEST_ID_PATTERN,
    ActionsRole,
    BindRole,
    BoolExpr,
    ChildrenRole,
    ExprRole,
    Int,
    ListExpr,
    PageRefRole,
    ParamsRole,
    ScopedText,
    SpecModel,
    Text,
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


class Heading(Component):
    """A heading (h1–h6)."""

    type: Literal["heading"]
    text: Text = Field(description="The heading text.")
    level: Int = Field(default=1, ge=1, le=6, description="1 to 6.")


class TextBlock(Component):
    """A paragraph of text."""

    type: Literal["text"]
    text: Text = Field(description="The text.")
    style: Literal["body", "muted", "error", "success"] = Field(
        default="body", description="body, muted, error or success.")


class Image(Component):
    """An image from a URL or a file under assets/."""

    type: Literal["image"]
    src: Text = Field(description="An https URL or a path under assets/.")
    alt: Text = Field(description="Text for screen readers (required).")
    width: Int | None = Field(default=None, gt=0, description="Width in pixels.")
    height: Int | None = Field(default=None, gt=0, description="Height in pixels.")


class Link(Component):
    """A link to a page of the app (``to``) or to a URL (``url``)."""

    type: Literal["link"]
    label: Text = Field(description="The link text.")
    to: Annotated[str | None, PageRefRole()] = Field(default=None, description="A page id.")
    params: Annotated[dict[str, Any], ParamsRole()] = Field(
        default_factory=dict, description="Parameters of the page named by `to`.")
    url: Text | None = Field(default=None, description="An external http(s), mailto or tel URL.")


class Button(Component):
    """A button that runs actions."""

    type: Literal["button"]
    label: Text = Field(description="The button text.")
    variant: Literal["primary", "secondary", "danger"] = Field(
        default="primary", description="primary, secondary or danger.")
    disabled: BoolExpr | None = Field(default=None, description="Disabled while this is true.")
    on_click: Actions = Field(default_factory=list, description="Actions run on click.")


class Input(Component):
    """A one-line text, number, date, e-mail, URL or password input."""

    type: Literal["input"]
    bind: Annotated[str, BindRole(kinds=TEXT_KINDS)] = Field(
        description="The path the input reads and writes.")
    label: Text | None = Field(default=None, description="The visible label.")
    kind: Literal["text", "email", "password", "number", "date", "url"] = Field(
        default="text", description="text, email, password, number, date or url.")
    placeholder: Text | None = Field(default=None, description="Hint text while empty.")
    on_change: ChangeActions = Field(default_factory=list,
                                     description="Actions run on change (event.value).")


class TextArea(Component):
    """A multi-line text input."""

    type: Literal["textarea"]
    bind: Annotated[str, BindRole(kinds=("string",))] = Field(description="A string path.")
    label: Text | None = Field(default=None, description="The visible label.")
    rows: Int = Field(default=3, ge=1, le=100, description="Visible lines.")
    placeholder: Text | None = Field(default=None, description="Hint text while empty.")


class Checkbox(Component):
    """A checkbox bound to a boolean."""

    type: Literal["checkbox"]
    bind: Annotated[str, BindRole(kinds=("boolean",))] = Field(description="A boolean path.")
    label: Text | None = Field(default=None, description="The visible label.")
    on_change: ChangeActions = Field(default_factory=list,
                                     description="Actions run on change (event.value).")


class Switch(Component):
    """An on/off switch bound to a boolean."""

    type: Literal["switch"]
    bind: Annotated[str, BindRole(kinds=("boolean",))] = Field(description="A boolean path.")
    label: Text | None = Field(default=None, description="The visible label.")
    on_change: ChangeActions = Field(default_factory=list,
                                     description="Actions run on change (event.value).")


class SelectOption(SpecModel):
    label: Text = Field(description="What the option shows.")
    value: str | int | float | bool = Field(description="The value it sets.")


class Select(Component):
    """A drop-down choice."""

    type: Literal["select"]
    bind: Annotated[str, BindRole(kinds=("string", "enum", "number", "integer", "boolean"))] = \
        Field(description="The path the choice is written to.")
    label: Text | None = Field(default=None, description="The visible label.")
    options: Annotated[list[str | int | float | SelectOption] | str | None,
                       ExprRole(kind="list")] = Field(
        default=None, description="A list of values, of {label, value}, or an expression; "
        "defaults to an enum's values.")


class Row(Component):
    """Children side by side (wrapping on narrow screens)."""

    container: ClassVar[bool] = True
    type: Literal["row"]
    children: Children = Field(default_factory=list, description="The components.")
    gap: Int | None = Field(default=None, ge=0, le=200, description="Space between, in pixels.")
    align: Literal["start", "center", "end", "stretch", "between"] = Field(
        default="center", description="start, center, end, stretch or between.")


class Column(Component):
    """Children stacked vertically."""

    container: ClassVar[bool] = True
    type: Literal["column"]
    children: Children = Field(default_factory=list, description="The components.")
    gap: Int | None = Field(default=None, ge=0, le=200, description="Space between, in pixels.")
    align: Literal["start", "center", "end", "stretch", "between"] = Field(
        default="stretch", description="start, center, end, stretch or between.")


class Card(Component):
    """A panel with an optional title."""

    container: ClassVar[bool] = True
    type: Literal["card"]
    title: Text | None = Field(default=None, description="The card's title.")
    children: Children = Field(default_factory=list, description="The components.")


class Divider(Component):
    """A horizontal rule."""

    type: Literal["divider"]


class Spacer(Component):
    """Empty space that pushes neighbours apart."""

    type: Literal["spacer"]


class ListView(Component):
    """Repeats its item components for every element of a list."""

    container: ClassVar[bool] = True
    type: Literal["list"]
    items: ListExpr = Field(description="A list expression, e.g. {{ state.tasks }}.")
    as_: str = Field(default="item", alias="as", pattern=IDENT_PATTERN,
                     description="The loop variable's name (default item); `index` is its "
                     "position.")
    key: Annotated[str | None, ExprRole(kind="any", scoped=True)] = Field(
        default=None, description="What identifies an item across updates, e.g. {{ task.id }}.")
    empty: Text | None = Field(default=None, description="Text shown when there are no items.")
    item: ScopedChildren = Field(default_factory=list,
                                 description="Components shown for each item.")


class TableColumn(SpecModel):
    label: Text = Field(description="The column header.")
    value: ScopedText = Field(description="The cell, usually an expression on the loop variable.")


class Table(Component):
    """A table with one row per list element."""

    type: Literal["table"]
    items: ListExpr = Field(description="A list expression.")
    as_: str = Field(default="item", alias="as", pattern=IDENT_PATTERN,
                     description="The loop variable's name (default item).")
    columns: list[TableColumn] = Field(min_length=1, description="[{label, value}] columns.")
    empty: Text | None = Field(default=None, description="Text shown when there are no rows.")


class Form(Component):
    """A form for a model: a labelled, validated control per field and a submit button."""

    type: Literal["form"]
    model: str = Field(description="The model whose fields the form edits.")
    fields: list[str] | None = Field(default=None,
                                     description="A subset of the model's fields, in order.")
    submit_label: Text = Field(default="Submit", description="The submit button's text.")
    on_submit: SubmitActions = Field(
        default_factory=list, description="Actions run with form.values when the form is valid.")


BUILTIN_COMPONENTS: list[type[Component]] = [
    Heading, TextBlock, Image, Link, Button, Input, TextArea, Checkbox, Switch, Select,
    Row, Column, Card, Divider, Spacer, ListView, Table, Form,
]


def component_type(cls: type[Component]) -> str:
    """The ``type`` value a component class answers to."""
    annotation = cls.model_fields["type"].annotation
    args = getattr(annotation, "__args__", ())
    if not args:
        raise TypeError(f"{cls.__name__}.type must be a Literal")
    return str(args[0])
