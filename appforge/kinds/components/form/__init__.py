"""The ``form`` component."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from appforge import ir
from appforge.diagnostics import did_you_mean, one_of
from appforge.kinds.component import ComponentKind
from appforge.spec.base import Text
from appforge.spec.components import Component, SubmitActions

if TYPE_CHECKING:
    from appforge.checker.components import ComponentChecker
    from appforge.checker.expressions import Scope


class Form(Component):
    """A form for a model: a labelled, validated control per field and a submit button."""

    type: Literal["form"]
    model: str = Field(description="The model whose fields the form edits.")
    fields: list[str] | None = Field(default=None,
                                     description="A subset of the model's fields, in order.")
    submit_label: Text = Field(default="Submit", description="The submit button's text.")
    on_submit: SubmitActions = Field(
        default_factory=list, description="Actions run with form.values when the form is valid.")


def check(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    """The model exists and the chosen fields are its own, editable ones; ``fields`` becomes
    the list the form shows."""
    ctx = cc.ctx
    form: Form = comp
    fields = ctx.model_fields.get(form.model)
    if fields is None:
        ctx.error("E0210", f"unknown model '{form.model}'", form.span_of("model"),
                  did_you_mean(form.model, ctx.models) or one_of(ctx.models))
        props["fields"] = ()
        return
    names = [f.name for f in fields]
    editable = {f.name for f in fields if f.type.kind not in ("record", "list")}
    chosen = form.fields if form.fields is not None else [n for n in names if n in editable]
    for i, name in enumerate(chosen):
        if name not in names:
            ctx.error("E0404", f"model {form.model} has no field '{name}'",
                      form.span_of("fields", i), did_you_mean(name, names) or one_of(names))
        elif name not in editable:
            ctx.error("E0404", f"a form cannot edit field '{name}' (a record or a list)",
                      form.span_of("fields", i), "edit it with its own form or list")
    props["fields"] = tuple(n for n in chosen if n in editable)


def journey_ids(comp: ir.Component, app: ir.App) -> list[tuple[str, str, bool]]:
    """The form, each field's control (``<id>-<field>``) and message (``-error``), and its
    submit button, which runs the form's navigations."""
    model = app.model(str(comp.prop("model")))
    fields = comp.prop("fields")
    hooks = [("", "form", True)]
    for name in fields if isinstance(fields, tuple) else ():
        f = model.field(str(name))
        hooks += [(f"-{name}", f"field:{f.type.kind if f else 'any'}", False),
                  (f"-{name}-error", "error", False)]
    return [*hooks, ("-submit", "submit", True)]


KIND = ComponentKind.from_folder(Path(__file__).parent, Form, check, journey_ids=journey_ids)
