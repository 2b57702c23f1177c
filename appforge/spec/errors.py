"""Pydantic errors -> diagnostics at the node they are about, written for a person.

Pydantic's ``loc`` mixes data keys with union tags (``('pages', 0, 'body', 2, 'button',
'label')``). We walk the *data* along the loc, skipping elements that are tags, to find the node
and its span; and we walk the *models* along the same loc to know which keys were allowed there.
"""

from __future__ import annotations

import itertools
import types
import typing
from collections.abc import Sequence
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from appforge.diagnostics import Diagnostic, did_you_mean, more_not_shown, one_of
from appforge.loader.yaml_loader import LoadedDocument, Path

TAG_KEYS = ("type", "action", "kind")

_TYPE_WORDS = {
    "string_type": "text", "str_type": "text", "int_type": "a whole number",
    "int_parsing": "a whole number", "int_from_float": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list", "dict_type": "a mapping",
    "model_type": "a mapping", "model_attributes_type": "a mapping", "literal_error": "a value",
}

_PATTERN_WORDS = {
    "id": "an id of letters, digits, '-' and '_', starting with a letter",
    "colour": "a colour like #4f46e5 or #fff",
    "app_id": "a reverse-DNS id such as com.example.tasks",
    "version": "a semver version such as 1.0.0",
    "ident": "a name of letters, digits and '_', not starting with a digit",
    "env": "an upper-case name such as API_URL",
    "path": "a route such as /tasks/:index",
    "model": "a model name starting with a capital letter, such as Task",
}


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, float):
        return f"the decimal number {value!r}"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty (null)"
    return type(value).__name__


def data_path(data: Any, loc: Sequence[int | str]) -> Path:
    """The path of real data keys/indexes along a Pydantic ``loc``, skipping union tags."""
    path: list[str | int] = []
    current = data
    for i, elem in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict):
            if not last and any(current.get(k) == elem for k in TAG_KEYS):
                continue  # a discriminated union's tag
            if isinstance(elem, str) and elem in current:
                path.append(elem)
                current = current[elem]
                continue
            if last:
                path.append(elem)  # a missing key: the caller reports it at the parent
                current = None
        elif isinstance(current, list) and isinstance(elem, int) and 0 <= elem < len(current):
            path.append(elem)
            current = current[elem]
    return tuple(path)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes / containers an annotation may hold, with Annotated/Optional removed."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def model_at(root: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class that validated the mapping at ``loc`` (best effort)."""
    models = [c for c in annotations_at(root, loc)
              if isinstance(c, type) and issubclass(c, BaseModel)]
    return models[0] if len(models) == 1 else None


def annotations_at(root: type[BaseModel], loc: Sequence[int | str]) -> list[Any]:
    """What the value at ``loc`` may be: model classes and containers (``dict[str, X]``)."""
    candidates: list[Any] = [root]
    for elem in loc:
        nxt: list[Any] = []
        for cand in candidates:
            origin = get_origin(cand)
            if isinstance(cand, type) and issubclass(cand, BaseModel):
                fields = cand.model_fields
                for name, info in fields.items():
                    if elem in (name, info.alias):
                        nxt.extend(_unwrap(info.annotation))
                if _tag_of(cand) == elem:
                    nxt.append(cand)
            elif origin in (list, dict) and (isinstance(elem, int) or origin is dict):
                nxt.extend(_unwrap(get_args(cand)[-1]))
        if nxt:
            candidates = nxt
    return candidates


def _tag_of(cls: type[BaseModel]) -> str | None:
    for key in TAG_KEYS:
        info = cls.model_fields.get(key)
        if info is not None:
            args = get_args(info.annotation)
            if args and isinstance(args[0], str):
                return args[0]
    return None


def _keys_of(cls: type[BaseModel] | None) -> list[str]:
    if cls is None:
        return []
    return [info.alias or name for name, info in cls.model_fields.items()]


def _where(cls: type[BaseModel] | None, data: Any) -> str:
    """'in button', 'in page' ... for messages."""
    if isinstance(data, dict):
        for key in TAG_KEYS:
            if isinstance(data.get(key), str):
                return f" in {data[key]}"
    return ""


def _pattern_word(field: str, pattern: str) -> str:
    if pattern.startswith("^#"):
        return _PATTERN_WORDS["colour"]
    if "(\\." in pattern:
        return _PATTERN_WORDS["app_id"]
    if pattern.startswith("^\\d+"):
        return _PATTERN_WORDS["version"]
    if pattern.startswith("^[A-Z][A-Z0-9_]"):
        return _PATTERN_WORDS["env"]
    if pattern.startswith("^[A-Z][A-Za-z"):
        return _PATTERN_WORDS["model"]
    if pattern.startswith("^/"):
        return _PATTERN_WORDS["path"]
    if pattern.startswith("^[A-Za-z][A-Za-z0-9_-]"):
        return _PATTERN_WORDS["id"]
    return _PATTERN_WORDS["ident"]


def _at(data: Any, path: Path) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validation_diagnostics(
    exc: ValidationError, doc: LoadedDocument, root: type[BaseModel]
) -> list[Diagnostic]:
    """Turn one ValidationError into located diagnostics, one per node."""
    by_path: dict[Path, list[ErrorDetails]] = {}
    for err in exc.errors(include_url=False):
        path = data_path(doc.data, err["loc"])
        by_path.setdefault(path, []).append(err)
    # Explaining an error costs (a 'did you mean' compares the key with every allowed one):
    # only as many as anyone reads are explained; the pipeline says how many more there were.
    shown = dict(itertools.islice(by_path.items(), MAX_EXPLAINED))
    out: list[Diagnostic] = []
    for path, errors in shown.items():
        out.append(_one(path, errors, doc, root))
    out = _drop_missing_explained_by_typos(out, shown)
    hidden = len(by_path) - len(shown)
    if hidden:
        out.append(more_not_shown(hidden, doc.span(next(itertools.islice(by_path, len(shown),
                                                                          None)))))
    return out


#: The most validation errors explained per file.
MAX_EXPLAINED = 200


def _drop_missing_explained_by_typos(out: list[Diagnostic],
                                     by_path: dict[Path, list[ErrorDetails]]) -> list[Diagnostic]:
    """`lable: Go` gives 'unknown key lable (did you mean label?)' *and* 'missing label';
    the second says nothing new, so it is dropped."""
    suggested: set[tuple[Path, str]] = set()
    for path, diag in zip(by_path, out, strict=True):
        if diag.code == "E0102" and diag.hint and diag.hint.startswith("did you mean '"):
            suggested.add((path[:-1], diag.hint.split("'")[1]))
    kept = []
    for (path, errors), diag in zip(by_path.items(), out, strict=True):
        if diag.code == "E0101" and errors[0]["type"] == "missing" and \
                (path[:-1], str(path[-1])) in suggested:
            continue
        kept.append(diag)
    return kept


def _one(path: Path, errors: list[ErrorDetails], doc: LoadedDocument,
         root: type[BaseModel]) -> Diagnostic:
    err = _most_specific(errors)
    kind = err["type"]
    ctx = err.get("ctx", {}) or {}
    key = path[-1] if path else ""
    parent_path = path[:-1]
    parent = _at(doc.data, parent_path)
    value = _at(doc.data, path)
    span = doc.span(path)
    model = model_at(root, err["loc"][:-1]) if err["loc"] else None

    if kind == "extra_forbidden":
        allowed = _keys_of(model)
        hint = did_you_mean(str(key), allowed) or _elsewhere(root, model, str(key)) or \
            (one_of(allowed) if allowed else None)
        return Diagnostic("E0102", f"unknown key '{key}'{_where(model, parent)}",
                          doc.key_span(path), hint=hint)
    if kind == "missing":
        where = _where(model, parent)
        return Diagnostic("E0101", f"missing required key '{key}'{where}",
                          doc.key_span(parent_path) if parent_path else doc.span(()),
                          hint=f"add `{key}:`")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = str(ctx.get("discriminator", "type")).strip("'")
        disc = next((k for k in TAG_KEYS if k in disc), "type")
        expected = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")]
        if disc == "type":  # components written in the spec answer to their own names
            from appforge.spec.composite import USE_TAG, current_names

            expected = [*(t for t in expected if t != USE_TAG),
                        *sorted(current_names() - set(expected))]
        noun = {"type": "component type", "action": "action", "kind": "data source kind"}[disc]
        tag = ctx.get("tag")
        if kind == "union_tag_not_found" or tag is None:
            return Diagnostic("E0101", f"missing '{disc}' key", span,
                              hint=one_of(expected))
        tag_span = doc.span((*path, disc))
        return Diagnostic("E0105", f"unknown {noun} '{tag}'", tag_span,
                          hint=did_you_mean(str(tag), expected) or one_of(expected))
    if kind == "literal_error":
        expected = [e.strip().strip("'") for e in
                    str(ctx.get("expected", "")).replace(" or ", ", ").split(",") if e.strip()]
        return Diagnostic("E0104", f"invalid value {value!r} for '{key}'", span,
                          hint=did_you_mean(str(value), expected) or one_of(expected))
    if kind == "string_pattern_mismatch":
        word = _pattern_word(str(key), str(ctx.get("pattern", "")))
        shown = value if isinstance(value, str) else str(key)
        if isinstance(key, str) and _at(doc.data, path) is None and isinstance(parent, dict):
            span = doc.key_span(path)
        return Diagnostic("E0106", f"'{shown}' is not {word}", span,
                          hint=f"'{key}' must be {word}")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most",
                 "greater_than": "more than", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "")
        return Diagnostic("E0107", f"'{key}' must be {bound} {limit} (got {value!r})", span)
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return Diagnostic("E0107", f"'{key}' {err['msg'].lower()}", span)
    wanted = sorted({_TYPE_WORDS.get(e["type"], "") for e in errors} - {""})
    if wanted:
        return Diagnostic(
            "E0103", f"'{key}' must be {' or '.join(wanted)}, not {_describe_value(value)}",
            span, hint=_type_hint(value, wanted) or (
                _mapping_form(str(key), annotations_at(root, err["loc"]))
                if "a mapping" in wanted else None))
    return Diagnostic("E0100", f"'{key}': {err['msg']}", span)


def _elsewhere(root: type[BaseModel], model: type[BaseModel] | None, key: str) -> str | None:
    """Where a key that is unknown here belongs, when it is a key of the file's top level or
    of one of its sections (``env`` at the top is ``app.env``; ``theme`` under ``app:`` is a
    top-level key)."""
    sections = {name: cls for name, info in root.model_fields.items()
                for cls in _unwrap(info.annotation)
                if isinstance(cls, type) and issubclass(cls, BaseModel)}
    if model is not None and model is not root and key in _keys_of(root):
        section = next((n for n, cls in sections.items() if cls is model), None)
        if section is not None:
            return f"'{key}' is a top-level key: move it out of `{section}:`"
    homes = [name for name, cls in sections.items()
             if cls is not model and key in _keys_of(cls)]
    if (model is root or any(cls is model for cls in sections.values())) and len(homes) == 1:
        return f"did you mean `{homes[0]}.{key}`? '{key}' goes under `{homes[0]}:`"
    return None


def _mapping_form(key: str, candidates: list[Any]) -> str | None:
    """The right form of a value that must be a mapping, as one line of YAML."""
    for candidate in candidates:
        example = _example(candidate, depth=0)
        if example is not None and example.startswith("{"):
            return f"write a mapping, e.g. {key}: {example}"
    return None


#: Example mapping keys by the start of the key pattern of the spec's dictionaries.
_KEY_EXAMPLES = {"^[A-Z][A-Z0-9_]": "API_URL", "^[A-Z]": "Name", "^/": "/api"}


def _example(annotation: Any, depth: int) -> str | None:
    """A short YAML flow example of a value of ``annotation``: a model's ``EXAMPLE`` when it
    has one, else its required keys (or its first two) with placeholders."""
    options = _unwrap(annotation)
    if len(options) != 1:
        options = [o for o in options if o is not type(None)][:1]
    if not options:
        return None
    kind = options[0]
    origin = get_origin(kind)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        given = getattr(kind, "EXAMPLE", None)
        if isinstance(given, str):
            return given
        if depth > 2:
            return "{...}"
        fields = kind.model_fields
        names = [n for n, f in fields.items() if f.is_required()] or list(fields)[:2]
        parts = [f"{fields[n].alias or n}: {_example(fields[n].annotation, depth + 1) or '...'}"
                 for n in names]
        return "{" + ", ".join(parts) + "}"
    if origin is dict:
        key_type, value_type = get_args(kind)
        # Annotated[str, Field(pattern=...)]: the pattern sits in the FieldInfo's metadata.
        constraints = [c for m in getattr(key_type, "__metadata__", ())
                       for c in (m, *getattr(m, "metadata", ()))]
        pattern = next((str(c.pattern) for c in constraints
                        if isinstance(getattr(c, "pattern", None), str)), "")
        name = next((v for k, v in _KEY_EXAMPLES.items() if pattern.startswith(k)), "name")
        return "{" + f"{name}: {_example(value_type, depth + 1) or '...'}" + "}"
    if origin is list:
        return "[...]"
    if kind is bool:
        return "true"
    if kind in (int, float):
        return "1"
    if kind is str:
        return "..."
    return None


def _type_hint(value: Any, wanted: list[str]) -> str | None:
    if isinstance(value, bool) and ("a whole number" in wanted or "a number" in wanted):
        return "true and false are not numbers in a spec; write the number"
    if isinstance(value, float) and "a whole number" in wanted and value.is_integer():
        return f"write {int(value)}, without a decimal point"
    if isinstance(value, str) and ("a whole number" in wanted or "a number" in wanted):
        return "write the number without quotes"
    if "text" in wanted and isinstance(value, (int, float)):
        return f"quote it to keep it as text: '{value}'"
    if isinstance(value, str) and "{{" in value and "text" not in wanted:
        return None
    if value is None:
        return "the key is there but has no value"
    return None


def _most_specific(errors: list[ErrorDetails]) -> ErrorDetails:
    """Prefer errors that say more than 'wrong type' (a union reports one per member)."""
    order = ["union_tag_invalid", "union_tag_not_found", "extra_forbidden", "missing",
             "literal_error", "string_pattern_mismatch"]
    for kind in order:
        for err in errors:
            if err["type"] == kind:
                return err
    # Deepest loc first: the member that got furthest explains best.
    return max(errors, key=lambda e: len(e["loc"]))
