"""Stage 2: validate located data against the language's Pydantic models, and merge files.

The result is a :class:`Spec`: the entry file's sections plus every included file's models,
state, data sources and pages, each model instance knowing its file, path and span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from appforge.diagnostics import Diagnostic
from appforge.loader import LoadedProject
from appforge.loader.yaml_loader import LoadedDocument
from appforge.spec import composite, registry
from appforge.spec.document import (
    AppSection,
    IncludedFile,
    ModelSpec,
    PageSpec,
    SpecFile,
    StateSpec,
    Theme,
)
from appforge.spec.errors import validation_diagnostics

__all__ = ["Spec", "validate"]

_ready = False


def model_holders() -> tuple[type[Any], ...]:
    """The models besides the components' own that hold components (or actions that do)."""
    from appforge.spec import actions, document

    return (*actions.action_models().values(), *document.source_models().values(),
            document.PageSpec, document.IncludedFile, document.SpecFile)


def prepare_models() -> None:
    """Build the component union from the registry once (plugins are entry points)."""
    global _ready
    if not _ready:
        registry.rebuild(*model_holders())
        _ready = True


@dataclass(slots=True)
class Named:
    """A named definition (model, state key, data source) and where it came from."""

    name: str
    spec: Any
    doc: LoadedDocument


@dataclass(slots=True)
class Spec:
    """The validated, merged spec of a project."""

    app: AppSection
    theme: Theme
    entry: LoadedDocument
    models: dict[str, Named] = field(default_factory=dict)
    state: dict[str, Named] = field(default_factory=dict)
    data: dict[str, Named] = field(default_factory=dict)
    pages: list[PageSpec] = field(default_factory=list)
    entry_spec: SpecFile | None = None
    components: dict[str, Named] = field(default_factory=dict)  # written in the spec
    computed: dict[str, Named] = field(default_factory=dict)  # Named.spec: the expression

    def model(self, name: str) -> ModelSpec | None:
        found = self.models.get(name)
        return found.spec if found else None

    def state_spec(self, key: str) -> StateSpec | None:
        found = self.state.get(key)
        return found.spec if found else None


def _validate_document(doc: LoadedDocument, root: type[SpecFile] | type[IncludedFile]) -> tuple[
        SpecFile | IncludedFile | None, list[Diagnostic], bool]:
    """The document's model, its diagnostics, and whether it uses a component by a name no
    registered component has (a spec component, or a mistake: see :mod:`.composite`)."""
    prepare_models()
    data = doc.data
    if root is IncludedFile and isinstance(data, dict):
        data = {k: v for k, v in data.items() if k != "include"}
    seen = composite.uses_seen()
    try:
        parsed = root.model_validate(data)
    except ValidationError as exc:
        return None, validation_diagnostics(exc, doc, root), False
    parsed.locate(doc, ())
    return parsed, [], composite.uses_seen() != seen


def validate(project: LoadedProject, cache: dict[int, Any] | None = None
             ) -> tuple[Spec | None, list[Diagnostic]]:
    """Validate every document of a loaded project and merge them into one :class:`Spec`.

    With ``cache`` (kept between calls), a document object seen before is not validated again.
    """
    diags: list[Diagnostic] = []
    if project.entry is None or not isinstance(project.entry.data, dict):
        return None, diags
    names = composite.defined_names(project.documents)
    with composite.defining(names):
        return _validate(project, cache, names)


def _validate(project: LoadedProject, cache: dict[int, Any] | None, names: frozenset[str]
              ) -> tuple[Spec | None, list[Diagnostic]]:
    assert project.entry is not None
    diags: list[Diagnostic] = []

    with_uses: set[int] = set()

    def validate_document(doc: LoadedDocument, root: type[SpecFile] | type[IncludedFile]
                          ) -> tuple[SpecFile | IncludedFile | None, list[Diagnostic]]:
        if cache is None:
            parsed, errs, uses = _validate_document(doc, root)
        else:
            hit = cache.get(id(doc))
            # The names defined in other files decide what a `type` means: kept in the entry.
            if hit is None or hit[0] is not doc or hit[4] != names:
                hit = (doc, *_validate_document(doc, root), names)
                cache[id(doc)] = hit
            parsed, errs, uses = hit[1], hit[2], hit[3]
        if uses:
            with_uses.add(id(doc))
        return parsed, errs

    entry, errs = validate_document(project.entry, SpecFile)
    diags.extend(errs)
    files: list[tuple[LoadedDocument, IncludedFile]] = []
    if isinstance(entry, SpecFile):
        files.append((project.entry, entry))
    for doc in project.includes:
        included, errs = validate_document(doc, IncludedFile)
        diags.extend(errs)
        if included is not None:
            files.append((doc, included))
    if not isinstance(entry, SpecFile):
        return None, diags
    spec = Spec(app=entry.app, theme=entry.theme, entry=project.entry, entry_spec=entry)
    page_places: dict[str, PageSpec] = {}
    for doc, file in files:
        for section, target in (("models", spec.models), ("state", spec.state),
                                ("data", spec.data), ("components", spec.components),
                                ("computed", spec.computed)):
            for name, item in getattr(file, section).items():
                if name in target:
                    first = target[name]
                    diags.append(Diagnostic(
                        "E0110", f"{_noun(section)} '{name}' is defined twice",
                        doc.key_span((section, name)),
                        hint="rename one of them or remove the copy",
                        related=((first.doc.key_span((section, name)), "first defined here"),)))
                    continue
                target[name] = Named(name, item, doc)
        for page in file.pages:
            if page.id in page_places:
                first_page = page_places[page.id]
                diags.append(Diagnostic(
                    "E0110", f"page '{page.id}' is defined twice", page.span_of("id"),
                    hint="page ids must be unique across all files",
                    related=((first_page.span_of("id"), "first defined here"),)))
                continue
            page_places[page.id] = page
            spec.pages.append(page)
    if spec.components or with_uses:
        # A file that failed validation may hold the definitions some uses name: those uses
        # are not called unknown until it is fixed.
        complete = len(files) == len(project.documents)
        diags.extend(_resolve_uses(spec, files, with_uses, complete))
    return spec, diags


def _resolve_uses(spec: Spec, files: list[tuple[LoadedDocument, IncludedFile]],
                  with_uses: set[int], complete: bool) -> list[Diagnostic]:
    """Validate each use of a spec component against its definition (see :mod:`.composite`)."""
    definitions = {name: (named.spec, named.doc) for name, named in spec.components.items()}
    known = list(registry.component_classes())
    roots: list[tuple[LoadedDocument, list[Any]]] = []
    for doc, file in files:
        if id(doc) in with_uses:
            roots.extend((doc, page.body) for page in file.pages)
            roots.extend((doc, d.body) for n, d in file.components.items()
                         if spec.components[n].spec is d)
    return [*composite.check_definitions(definitions, known),
            *composite.resolve_uses(definitions, roots, known, complete)]


def _noun(section: str) -> str:
    return {"models": "model", "state": "state key", "data": "data source",
            "components": "component", "computed": "computed value"}[section]
