"""The top level of a spec file: app, theme, models, state, data sources and pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag

from appforge.spec.base import IDENT_PATTERN, Int, Number, SpecModel, Text, exactly_int
from appforge.spec.components import Actions, Children
from appforge.spec.composite import NAME_PATTERN, CompositeSpec

COLOUR_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
APP_ID_PATTERN = r"^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$"
SEMVER_PATTERN = r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$"
ENV_NAME_PATTERN = r"^[A-Z][A-Z0-9_]*$"
TYPE_NAMES = ("string", "number", "integer", "boolean", "date", "email", "url", "enum", "list")


class EnvVar(SpecModel):
    EXAMPLE: ClassVar[str] = '{default: "https://api.example.com", description: The API}'

    default: str = Field(description="The value unless `--env NAME=...` or APPFORGE_NAME says "
                         "otherwise.")
    description: str | None = Field(default=None, description="What the setting is for.")


class Analytics(SpecModel):
    url: str = Field(description="Where `track` events and page views are sent (https).")
    page_views: bool = Field(default=False, description="Also send an event per page view.")


class DevSection(SpecModel):
    EXAMPLE: ClassVar[str] = '{proxy: {/api: "http://127.0.0.1:9000"}}'

    proxy: dict[Annotated[str, Field(pattern=r"^/[^\s?#]*$")], str] = Field(
        default_factory=dict, description="URL path prefixes `appforge dev` forwards to a "
        "local API, such as {/api: 'http://127.0.0.1:9000'}: the app fetches /api/... from "
        "its own origin, so no CORS is needed while developing. Loopback targets only, unless "
        "`--allow-remote-proxy`.")


class AppSection(SpecModel):
    name: str = Field(min_length=1, max_length=80, description="The display name.")
    id: str = Field(pattern=APP_ID_PATTERN, description="Reverse-DNS id, e.g. com.example.tasks "
                    "(the mobile bundle id).")
    version: str = Field(default="1.0.0", pattern=SEMVER_PATTERN, description="Semver version.")
    description: str = Field(default="", description="One sentence about the app.")
    start: str | None = Field(default=None, description="The first page's id.")
    nav: list[str] = Field(default_factory=list,
                           description="Pages in the navigation (web header, mobile tabs).")
    analytics: Analytics | None = Field(default=None, description="Event collection.")
    env: dict[Annotated[str, Field(pattern=ENV_NAME_PATTERN)], EnvVar] = Field(
        default_factory=dict, description="Build-time settings, read as env.<NAME>.")
    dev: DevSection | None = Field(default=None, description="Settings of `appforge dev` "
                                   "only; the built app does not change with them.")


class DarkTheme(SpecModel):
    primary: str | None = Field(default=None, pattern=COLOUR_PATTERN)
    background: str | None = Field(default=None, pattern=COLOUR_PATTERN)
    surface: str | None = Field(default=None, pattern=COLOUR_PATTERN)
    text: str | None = Field(default=None, pattern=COLOUR_PATTERN)


class Theme(SpecModel):
    EXAMPLE: ClassVar[str] = '{primary: "#4f46e5", background: "#ffffff"}'

    primary: str | None = Field(default=None, pattern=COLOUR_PATTERN, description="Accent colour.")
    background: str | None = Field(default=None, pattern=COLOUR_PATTERN)
    surface: str | None = Field(default=None, pattern=COLOUR_PATTERN)
    text: str | None = Field(default=None, pattern=COLOUR_PATTERN)
    danger: str | None = Field(default=None, pattern=COLOUR_PATTERN)
    radius: Int | None = Field(default=None, ge=0, le=64, description="Corner radius in pixels.")
    spacing: Int | None = Field(default=None, ge=0, le=64, description="Base spacing in pixels.")
    font: str | None = Field(default=None, pattern=r"^[A-Za-z0-9 ,'\"-]+$",
                             description="A CSS font family list.")
    dark: DarkTheme | None = Field(default=None, description="Colours when the system is dark.")


class TypeSpec(SpecModel):
    """A type: its name plus `of` (lists) and `values` (enums)."""

    type: str = Field(description="string, number, integer, boolean, date, email, url, enum, "
                      "list, or a model name.")
    of: str | None = Field(default=None, description="The element type of a list.")
    values: list[str] | None = Field(default=None, description="The values of an enum.")


class ModelField(TypeSpec):
    required: bool = Field(default=False, description="A form refuses an empty value.")
    default: Any = Field(default=None, description="The initial value.")
    label: str | None = Field(default=None, description="The form label.")
    min_length: Int | None = Field(default=None, ge=0)
    max_length: Int | None = Field(default=None, ge=0)
    min: Number | None = None
    max: Number | None = None
    pattern: str | None = Field(default=None, description="A regular expression the text "
                                "must match, as JavaScript reads it (no flags): ^ $ . [] () "
                                "(?:) (?=) (?!) | * + ? {n,m} and \\d \\w \\s \\b escapes; "
                                "no repetition of a repetition.")


class ModelSpec(SpecModel):
    fields: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], ModelField] = Field(
        min_length=1, description="The record's fields.")


class StateSpec(TypeSpec):
    default: Any = Field(default=None, description="The initial value (literal data).")
    persist: bool = Field(default=False, description="Keep the value across restarts.")


if TYPE_CHECKING:
    AnyDataSource = Any
else:
    # A forward reference, resolved to the union of every registered source kind's model
    # (told apart by ``kind``) by spec/registry.py's rebuild: the models live in
    # appforge/kinds/sources/<name>/.
    AnyDataSource = "AnyDataSource"


def _kind_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        tag = value.get("kind")
        return tag if isinstance(tag, str) else None
    return getattr(value, "kind", None)


def source_models() -> dict[str, type[SpecModel]]:
    """Every registered data source kind's model by its ``kind`` value."""
    from appforge.kinds.source import source_kinds

    return {name: kind.model for name, kind in source_kinds().items()}


def any_data_source() -> Any:
    """The discriminated union of every registered source kind (by the ``kind`` key)."""
    members = tuple(Annotated[cls, Tag(name)] for name, cls in source_models().items())
    return Annotated[Union[members], Discriminator(_kind_tag)]  # noqa: UP007


class PageSpec(SpecModel):
    id: str = Field(pattern=IDENT_PATTERN, description="The page id (used by links and nav).")
    path: str | None = Field(default=None, pattern=r"^/[A-Za-z0-9_\-/:.]*$",
                             description="The route, e.g. /tasks/:index (default /<id>).")
    title: Text | None = Field(default=None, description="The document / screen title.")
    icon: str | None = Field(
        default=None, description="The page's tab icon when it is in app.nav: an Ionicons "
        "name from @expo/vector-icons, e.g. home-outline (mobile; the web header shows the "
        "title only).")
    params: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], str] = Field(
        default_factory=dict, description="Route parameters and their types.")
    on_load: Actions = Field(default_factory=list, description="Actions run when it opens.")
    body: Children = Field(default_factory=list, description="The page's components.")


class IncludedFile(SpecModel):
    """What an included file may hold."""

    models: dict[Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9_]*$")], ModelSpec] = Field(
        default_factory=dict, description="Record types.")
    state: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], StateSpec] = Field(
        default_factory=dict, description="App-wide reactive state.")
    computed: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], str] = Field(
        default_factory=dict, description="Named expressions, read anywhere as "
        "computed.<name>, e.g. {open_count: \"{{ len(where(state.tasks, 'done', false)) }}\"}: "
        "declared once, re-evaluated only when what they read changes.")
    data: dict[Annotated[str, Field(pattern=IDENT_PATTERN)], AnyDataSource] = Field(
        default_factory=dict, description="Data sources.")
    pages: list[PageSpec] = Field(default_factory=list, description="Pages.")
    components: dict[Annotated[str, Field(pattern=NAME_PATTERN)], CompositeSpec] = Field(
        default_factory=dict, description="Components written in the spec, used as "
        "`type: <name>`: props, events, slots and a body (docs/components-in-yaml.md).")


class SpecFile(IncludedFile):
    """The entry file, appforge.yaml."""

    appforge: Annotated[Literal[1], BeforeValidator(exactly_int)] = Field(
        description="The language version: 1.")
    app: AppSection
    theme: Theme = Field(default_factory=Theme)
    include: list[str] = Field(default_factory=list,
                               description="Globs of more spec files, relative to this one.")
