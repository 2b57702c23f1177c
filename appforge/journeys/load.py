"""Read journey files with appforge's YAML loader (a span for every node) and validate them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from appforge.diagnostics import Diagnostic, did_you_mean, one_of
from appforge.journeys.model import (
    BARE_KINDS,
    DATE_PATTERN,
    STEP_MODELS,
    Journey,
    JourneyFileModel,
    Step,
)
from appforge.loader.project import read_text
from appforge.loader.yaml_loader import LoadedDocument, load_yaml
from appforge.spec import errors as spec_errors

SUFFIX = ".journey.yaml"
DEFAULT_DIR = "tests"


def find_journey_files(root: Path, folder: Path | None = None) -> list[Path]:
    """The journey files of a project: ``tests/*.journey.yaml`` (or those in ``folder``)."""
    where = folder if folder is not None else root / DEFAULT_DIR
    if not where.is_dir():
        return []
    return sorted(p for p in where.glob(f"*{SUFFIX}") if p.is_file() and not p.is_symlink())


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_journeys(root: Path, files: Iterable[Path]) -> tuple[list[Journey], list[Diagnostic],
                                                               dict[str, str]]:
    """Journeys, diagnostics and each file's text (by its display name, for code frames)."""
    journeys: list[Journey] = []
    diags: list[Diagnostic] = []
    texts: dict[str, str] = {}
    for path in files:
        display = _display(path, root)
        text, _raw, read_diags = read_text(path, display)
        diags.extend(read_diags)
        if text is None:
            continue
        texts[display] = text
        doc, yaml_diags = load_yaml(text, display)
        diags.extend(yaml_diags)
        if doc is None or any(d.is_error for d in yaml_diags):
            continue
        found, more = _validate(doc)
        journeys.extend(found)
        diags.extend(more)
    return journeys, diags, texts


def _validate(doc: LoadedDocument) -> tuple[list[Journey], list[Diagnostic]]:
    if not isinstance(doc.data, dict):
        return [], [Diagnostic("E0600", "a journey file is a mapping with `journeys:`",
                               doc.span(()), hint="start the file with `journeys:`")]
    try:
        parsed = JourneyFileModel.model_validate(doc.data)
    except ValidationError as exc:
        return [], spec_errors.validation_diagnostics(exc, doc, JourneyFileModel)
    journeys: list[Journey] = []
    diags: list[Diagnostic] = []
    for j, journey in enumerate(parsed.journeys):
        steps: list[Step] = []
        for s, raw in enumerate(journey.steps):
            path = ("journeys", j, "steps", s)
            step, more = _step(doc, path, raw)
            diags.extend(more)
            if step is not None:
                steps.append(step)
        journeys.append(Journey(journey.name, doc.file, tuple(journey.targets), tuple(steps),
                                doc.span(("journeys", j, "name"))))
    return journeys, diags


def _step(doc: LoadedDocument, path: tuple[Any, ...], raw: Any
          ) -> tuple[Step | None, list[Diagnostic]]:
    span = doc.span(path)
    kinds = list(STEP_MODELS)
    if isinstance(raw, str):
        if raw in BARE_KINDS:
            return Step(raw, None, span), []
        hint = did_you_mean(raw, kinds) or f"a bare step is {' or '.join(BARE_KINDS)}"
        return None, [Diagnostic("E0600", f"unknown step '{raw}'", span, hint=hint)]
    if not isinstance(raw, dict) or len(raw) != 1:
        return None, [Diagnostic(
            "E0600", "a step is a mapping with one key, the step's kind (`press: add`)", span,
            hint=one_of(kinds))]
    kind = str(next(iter(raw)))
    model = STEP_MODELS.get(kind)
    if model is None:
        return None, [Diagnostic("E0600", f"unknown step '{kind}'", doc.key_span((*path, kind)),
                                 hint=did_you_mean(kind, kinds) or one_of(kinds))]
    try:
        parsed = model.model_validate(raw)
    except ValidationError as exc:
        return None, _located(exc, doc, path, model, raw)
    value = getattr(parsed, kind)
    key = {"type": "into", "select": "in", "pick_date": "in", "expect": "id",
           "mock": "source"}.get(kind)
    if kind == "open" and isinstance(raw[kind], dict):
        key = "page"
    name_path = (*path, kind, key) if key else (*path, kind)
    return Step(kind, value, span, doc.span(name_path)), []


def _located(exc: ValidationError, doc: LoadedDocument, base: tuple[Any, ...],
             model: type[BaseModel], raw: Any) -> list[Diagnostic]:
    """Pydantic errors of one step, at the step's own nodes (the spec's recipe, re-rooted)."""
    out = []
    by_path: dict[tuple[Any, ...], list[ErrorDetails]] = {}
    for err in exc.errors(include_url=False):
        rel = spec_errors.data_path(raw, err["loc"])
        by_path.setdefault((*base, *rel), []).append(err)
    for path, errs in by_path.items():
        d = spec_errors._one(path, errs, doc, model)  # the spec's recipe, re-rooted
        if errs[0]["type"] == "string_pattern_mismatch" and \
                (errs[0].get("ctx") or {}).get("pattern") == DATE_PATTERN:
            d = Diagnostic("E0106", f"'{errs[0]['input']}' is not a date such as 2026-11-28",
                           d.span, hint="dates are written YYYY-MM-DD")
        if d.code in ("E0100",) and errs[0]["type"] == "value_error":
            d = Diagnostic("E0600", str(errs[0]["msg"]).removeprefix("Value error, "),
                           d.span, hint=d.hint)
        out.append(d)
    return out
