"""What the model is told: the language in brief, the catalogue, and the most relevant
example specs (ranked by the server's embeddings, cached on disk, or lexically)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from appforge.resources import templates_dir

RULES = """You write app specs for appforge, a compiler from YAML specs to web and mobile apps.
Reply with exactly one JSON object: the complete spec (the JSON form of appforge.yaml), nothing
else. The spec is checked by a compiler; unknown keys, names and types are errors.

Shape: {"appforge": 1, "app": {"name", "id" (reverse DNS), "nav": [page ids]}, "theme": {...},
"models": {Name: {"fields": {field: {"type", "required", "default", ...}}}},
"state": {key: {"type", "of" (lists), "values" (enums), "default", "persist"}},
"data": {name: {"kind": {sources}, ...}}, "pages": [{"id", "path", "params", "title",
"body": [components]}]}.
Types: string, number, integer, boolean, date, email, url, enum (with values), list (with of),
or a model name. Text may hold {{ expressions }}: state.<key>, params.<name>, env.<NAME>,
data.<source>.loading/.error, computed.<name> (the top-level "computed": {name: "{{ expr }}"}),
a list's loop variable (item scope), form.values (on_submit),
event.value (on_change); operators + - * / % == != < <= > >= and or not, `a if c else b`.
Functions: {functions}.
Components (type: keys): {components}
Actions ({"action": name, ...}): {actions}
Expressions are strings holding {{ }}, also where a boolean or a list is expected:
"visible": "{{ state.count > 0 }}", "items": "{{ where(state.tasks, 'done', false) }}".
State defaults and static data are literal data, never expressions.
Event keys (on_click, on_change, on_submit, a page's on_load, a source's on_error) hold lists of
actions. A bind or action target is state.<key> or a loop variable's field.
A page with params has :name segments in its path ("path": "/tasks/:index",
"params": {"index": "integer"}); navigate passes them in params. Ids are test hooks: give the
interactive components short snake_case ids, unique on their page."""


def catalogue_text() -> tuple[str, str, str]:
    from appforge.kinds.function import functions as function_kinds
    from appforge.spec.catalogue import action_catalogue, component_catalogue

    components = "; ".join(
        f"{c['type']}: " + ", ".join(k["name"] + ("*" if k["required"] else "")
                                     for k in c["keys"] if k["name"] not in ("id", "visible"))
        for c in component_catalogue())
    actions = "; ".join(f"{a['action']}(" + ", ".join(k["name"] for k in a["keys"]) + ")"
                        for a in action_catalogue())
    functions = ", ".join(f.signature for f in function_kinds().values())
    return components, actions, functions


def system_prompt() -> str:
    components, actions, functions = catalogue_text()
    return (RULES.replace("{components}", components + " (* required; every component also "
                          "takes id and visible)").replace("{actions}", actions)
            .replace("{functions}", functions).replace("{sources}", _source_kinds()))


def _source_kinds() -> str:
    from appforge.kinds.source import source_kinds

    return "|".join(f'"{name}"' for name in source_kinds())


@cache
def example_specs() -> dict[str, str]:
    """Example specs shipped with appforge: the project templates, with their cookiecutter
    placeholders replaced by plain values (a text substitution, never a template render), and
    their included files merged into one spec, since a reply is one file."""
    from appforge.ai.reply import natural_order
    from appforge.loader import load_yaml

    out: dict[str, str] = {}
    root = templates_dir() / "project"
    for template in ("todo", "crud", "blank"):
        folder = next((root / template).glob("*/"), None)
        if folder is None:
            continue
        merged: dict[str, Any] = {}
        for path in [folder / "appforge.yaml", *sorted((folder / "pages").glob("*.yaml"))]:
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            for placeholder, value in PLACEHOLDERS:
                text = text.replace(placeholder, value)
            doc, _ = load_yaml(text, path.name)
            if doc is not None and isinstance(doc.data, dict):
                _merge(merged, doc.data)
        merged.pop("include", None)
        if merged:
            # As compact JSON: the very form the reply must take, in fewer tokens than YAML.
            out[template] = json.dumps(natural_order(merged), ensure_ascii=False,
                                       separators=(",", ":"))
    return out


PLACEHOLDERS = (("{{ cookiecutter.app_name | jsonify }}", '"Example"'),
                ("{{ cookiecutter.app_id }}", "com.example.app"),
                ("{% raw %}", ""), ("{% endraw %}", ""))


def _merge(into: dict[str, Any], part: dict[str, Any]) -> None:
    # The include rules: pages add up; models, state and data are maps of unique names.
    for key, value in part.items():
        if key == "pages" and isinstance(value, list):
            into.setdefault("pages", []).extend(value)
        elif isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key] = {**into[key], **value}
        else:
            into.setdefault(key, value)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def rank_lexically(prompt: str, examples: dict[str, str]) -> list[str]:
    words = _words(prompt)
    score = {name: len(words & _words(text)) / (1 + len(_words(text))) ** 0.5
             for name, text in examples.items()}
    return sorted(examples, key=lambda n: (-score[n], n))


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "appforge" / "embeddings"


Embed = Callable[[list[str]], "list[list[float]] | None"]


def _key(namespace: str, text: str) -> str:
    # Vectors of different embedding models are not comparable, so the model is in the key.
    return hashlib.sha256(f"{namespace}\0{text}".encode()).hexdigest()


def _read_vector(path: Path) -> list[float] | None:
    with contextlib.suppress(OSError, ValueError):
        value = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(value, list) and value and all(
                isinstance(x, int | float) and not isinstance(x, bool) for x in value):
            return [float(x) for x in value]
    return None  # missing or damaged: asked for again


def cached_embeddings(texts: list[str], embed: Embed, namespace: str = ""
                      ) -> list[list[float]] | None:
    """Embeddings by content hash on disk; ``embed(missing) -> vectors | None``."""
    folder = _cache_dir()
    keys = [_key(namespace, t) for t in texts]
    found: dict[str, list[float]] = {}
    for key in keys:
        vector = _read_vector(folder / f"{key}.json")
        if vector is not None:
            found[key] = vector
    missing = [t for t, k in zip(texts, keys, strict=True) if k not in found]
    if missing:
        vectors = embed(missing)
        if vectors is None or len(vectors) != len(missing):
            return None
        for text, vector in zip(missing, vectors, strict=True):
            key = _key(namespace, text)
            found[key] = vector
            # The cache only saves time: a read-only or full disk must not fail the command.
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
                tmp = folder / f".{key}.{os.getpid()}.tmp"
                tmp.write_text(json.dumps(vector), encoding="utf-8")
                tmp.replace(folder / f"{key}.json")
    if len({len(found[k]) for k in keys}) != 1:
        return None  # mixed dimensions: not comparable
    return [found[k] for k in keys]


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def pick_examples(prompt: str, embed: Embed, count: int = 2, namespace: str = ""
                  ) -> tuple[list[str], str]:
    """The most relevant example specs and how they were ranked ('embeddings' or 'lexical')."""
    examples = example_specs()
    names = sorted(examples)
    vectors = cached_embeddings([prompt, *(examples[n] for n in names)], embed, namespace)
    if vectors is None:
        return [examples[n] for n in rank_lexically(prompt, examples)[:count]], "lexical"
    query, rest = vectors[0], vectors[1:]
    order = sorted(range(len(names)), key=lambda i: (-_cosine(query, rest[i]), names[i]))
    return [examples[names[i]] for i in order[:count]], "embeddings"
