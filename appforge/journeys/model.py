"""The journey file format as Pydantic models (the published schema is derived from them).

A journey file (``tests/*.journey.yaml``) holds ``journeys:``, each a name and a list of
steps. A step is a mapping with one key, the step's kind (``press: add``), or a bare word for
the steps that take nothing (``- back``, ``- reload``). Each kind's value has its own model
in :data:`STEP_KINDS`; the loader validates a step against the model its key names, so an error
is reported at the step's own node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from appforge.diagnostics import SourceSpan

TARGET_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*(\[[0-9]+\])?$"
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TARGETS = ("web", "mobile")

Target = str  # a component id, optionally `id[n]` for the n-th of the elements sharing it


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


def _target(description: str) -> Any:
    return Field(pattern=TARGET_PATTERN, description=description)


class OpenPage(_Model):
    page: str = Field(pattern=ID_PATTERN, description="The page's id.")
    params: dict[str, str | int | float | bool] = Field(
        default_factory=dict, description="The page's parameters, typed as the page declares.")


class TypeText(_Model):
    into: str = _target("The input's id (a form field is `<form>-<field>`).")
    text: str = Field(description="What to type; the field is emptied first.")


class SelectOption(_Model):
    in_: str = Field(alias="in", pattern=TARGET_PATTERN, description="The select's id.")
    option: str = Field(description="The option's label as the user sees it.")


class PickDate(_Model):
    in_: str = Field(alias="in", pattern=TARGET_PATTERN, description="The date input's id.")
    date: str = Field(pattern=DATE_PATTERN, description="The date, YYYY-MM-DD.")


class Expect(_Model):
    """An expectation on one element: exactly one of the checks."""

    id: str = _target("The element's id (`id[n]` for the n-th).")
    text: str | None = Field(default=None, description="Its whole text equals this.")
    contains: str | None = Field(default=None, description="Its text contains this.")
    count: int | None = Field(default=None, ge=0, description="How many elements have the id.")
    visible: bool | None = Field(default=None, description="Shown (true) or hidden (false).")
    enabled: bool | None = Field(default=None, description="Enabled (true) or disabled.")
    value: str | None = Field(default=None, description="An input's current value.")
    checked: bool | None = Field(default=None, description="A checkbox's or switch's state.")

    @model_validator(mode="after")
    def _one_check(self) -> Expect:
        given = [k for k in CHECKS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"an expect step needs exactly one of {', '.join(CHECKS)}"
                             + (f" (got {', '.join(given)})" if given else ""))
        return self

    @property
    def check(self) -> tuple[str, Any]:
        key = next(k for k in CHECKS if getattr(self, k) is not None)
        return key, getattr(self, key)


CHECKS = ("text", "contains", "count", "visible", "enabled", "value", "checked")


class Mock(_Model):
    """Answer a data source's requests: a reply (status, body, delay) or another URL."""

    source: str = Field(pattern=ID_PATTERN, description="The data source's name.")
    status: int = Field(default=200, ge=100, le=599, description="The HTTP status.")
    body: Any = Field(default=None, description="The reply: JSON data, or text sent as is.")
    delay: int = Field(default=0, ge=0, le=60_000, description="Milliseconds before replying.")
    url: str | None = Field(default=None, pattern=r"^https?://",
                            description="Send the requests to this URL instead (a test "
                            "server); status, body and delay are then ignored.")


WaitSource = str

#: kind -> the annotation of its value. None: the step takes nothing (`- back`).
STEP_KINDS: dict[str, Any] = {
    "open": (str | OpenPage, "Open a page: its id, or {page, params}."),
    "press": (Target, "Press a button, link or anything pressable, by id."),
    "type": (TypeText, "Type text into an input: {into, text}."),
    "select": (SelectOption, "Choose an option of a select: {in, option}."),
    "check": (Target, "Tick a checkbox or switch (web: check; mobile: tap)."),
    "uncheck": (Target, "Untick a checkbox or switch."),
    "pick_date": (PickDate, "Enter a date into a date input: {in, date}."),
    "back": (None, "Go back (the browser's or the phone's back)."),
    "reload": (None, "Restart the app (state that persists survives)."),
    "expect": (Expect, "Expect something of one element: {id, text|contains|count|visible|"
               "enabled|value|checked}."),
    "expect_text": (str, "Expect the screen to show this text somewhere."),
    "expect_no_text": (str, "Expect no element to show exactly this text."),
    "expect_toast": (str, "Expect a toast containing this text."),
    "expect_title": (str, "Expect the page title."),
    "expect_page": (str, "Expect the current page (by id)."),
    "mock": (Mock, "From here on, answer a data source's requests: {source, status, body, "
             "delay} or {source, url}."),
    "wait_for": (WaitSource, "Wait until a data source's requests have finished."),
    "as_role": (str, "Act as a signed-in user with this role (needs auth in the spec)."),
}
BARE_KINDS = tuple(k for k, (t, _) in STEP_KINDS.items() if t is None)


def _wrapper(kind: str, annotation: Any, description: str) -> type[BaseModel]:
    if annotation is None:
        annotation = Literal[None]
    extra: dict[str, Any] = {}
    if annotation in (Target,) and kind in ("press", "check", "uncheck"):
        extra = {"pattern": TARGET_PATTERN}
    elif kind in ("expect_page", "wait_for"):
        extra = {"pattern": ID_PATTERN}
    field = Field(description=description, **extra)
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        f"{kind.title().replace('_', '')}Step", __base__=_Model,
        **{kind: (annotation, field)})
    return model


#: kind -> the model of a step mapping `{kind: value}`.
STEP_MODELS: dict[str, type[BaseModel]] = {
    kind: _wrapper(kind, annotation, description)
    for kind, (annotation, description) in STEP_KINDS.items()
}


def _both() -> list[Literal["web", "mobile"]]:
    return ["web", "mobile"]


class JourneyModel(_Model):
    name: str = Field(min_length=1, description="What the journey shows, one line.")
    targets: list[Literal["web", "mobile"]] = Field(
        default_factory=_both, description="Where it runs (default both).")
    steps: list[Any] = Field(min_length=1, description="The steps, in order.")


class JourneyFileModel(_Model):
    journeys: list[JourneyModel] = Field(min_length=1, description="The journeys of this file.")


# ---- the loaded form ---------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One validated step: its kind, its value (a model, text or None) and where it is."""

    kind: str
    value: Any
    span: SourceSpan
    #: where the name the step gives (an id, a page, a source) is written, for diagnostics
    name_span: SourceSpan | None = None

    @property
    def at(self) -> SourceSpan:
        return self.name_span or self.span


@dataclass(frozen=True)
class Journey:
    name: str
    file: str
    targets: tuple[str, ...]
    steps: tuple[Step, ...]
    span: SourceSpan

    @property
    def title(self) -> str:
        return f"{self.file}::{self.name}"


def split_target(target: str) -> tuple[str, int | None]:
    """`done[1]` -> ("done", 1); `add` -> ("add", None)."""
    m = re.fullmatch(r"(.+?)\[(\d+)\]", target)
    return (m.group(1), int(m.group(2))) if m else (target, None)


def step_targets(step: Step) -> list[str]:
    """The element ids a step names (with any `[n]`)."""
    v = step.value
    if step.kind in ("press", "check", "uncheck"):
        return [v]
    if step.kind == "type":
        return [v.into]
    if step.kind in ("select", "pick_date"):
        return [v.in_]
    if step.kind == "expect":
        return [v.id]
    return []
