"""A model's reply as spec data, and spec data as YAML text.

The reply is untrusted input (reliability.md, promise 8): it is only ever *parsed* — JSON with
duplicate keys and non-finite numbers refused, or YAML through appforge's own bounded loader —
and never executed or rendered. The YAML written back must read as the very same data under the
loader's YAML 1.2 core schema, which PyYAML's 1.1 dumper does not promise on its own (it writes
the text ``1e3`` or ``0o17`` unquoted, and the loader reads those as numbers).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from appforge.loader.yaml_loader import MAX_DEPTH, load_yaml, resolve_scalar

HEADER = "# yaml-language-server: $schema=schema/appforge.schema.json\n"
MAX_REPLY_CHARS = 400_000
#: Top-level sections in the order the language reference lists them.
TOP_ORDER = ("appforge", "app", "include", "theme", "models", "state", "data", "pages")
#: Keys that say what a list item is; written first so the YAML reads naturally.
LEAD_KEYS = ("id", "type", "action", "kind")

_FENCE = re.compile(r"```[a-zA-Z]*[ \t]*\n(.*?)\n[ \t]*```", re.S)


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _bad_constant(name: str) -> Any:
    raise ValueError(name)


def _json(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_bad_constant)


def _tree_problem(data: Any) -> str | None:
    """Why the parsed data cannot become a spec file, walked without recursion."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"the reply nests deeper than {MAX_DEPTH}"
        if isinstance(node, dict):
            stack.extend((k, depth) for k in node)
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate from a "\ud800" JSON escape
                return "the reply holds a string that is not valid Unicode"
    return None


def parse_reply(content: str) -> dict[str, Any] | str:
    """The spec object in a reply, or why there is none (a sentence for the model)."""
    if len(content) > MAX_REPLY_CHARS:
        return "the reply is too large"
    text = content.strip()
    fenced = _FENCE.search(text)
    candidates = [fenced.group(1)] if fenced else []
    candidates.append(text)
    start = text.find("{")
    if start > 0:  # prose around the object, as small local models like to add
        candidates.append(text[start:text.rfind("}") + 1])
    why = "the reply is not a JSON object"
    for candidate in candidates:
        try:
            data = _json(candidate)
        except _Duplicate as exc:
            return f"the key {str(exc)!r} appears twice in one object"
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            return _tree_problem(data) or data
        why = "the reply is JSON but not an object"
    return _yaml_spec(candidates[0]) or why


def _yaml_spec(text: str) -> dict[str, Any] | None:
    """A spec written as YAML instead of JSON, read by the bounded loader (no tags, limits)."""
    doc, diagnostics = load_yaml(text, "reply.yaml")
    data = doc.data if doc is not None and not diagnostics else None
    if isinstance(data, dict) and ("appforge" in data or "pages" in data):
        return data
    return None


def natural_order(data: dict[str, Any]) -> dict[str, Any]:
    """Top-level sections in reference order; in list items (components, actions, pages)
    ``id``/``type``/``action``/``kind`` first. Mappings that are not list items keep the model's
    order, because some of it means something (model fields are a form's field order)."""
    top = {k: data[k] for k in TOP_ORDER if k in data}
    top.update((k, v) for k, v in data.items() if k not in top)
    return {k: _order(v, False) for k, v in top.items()}


def _order(node: Any, in_list: bool) -> Any:
    if isinstance(node, list):
        return [_order(v, True) for v in node]
    if not isinstance(node, dict):
        return node
    keys = [k for k in LEAD_KEYS if in_list and k in node]
    keys += [k for k in node if k not in keys]
    return {k: _order(node[k], False) for k in keys}


class _SpecDumper(yaml.SafeDumper):
    pass


_BREAKS = frozenset("\r\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if _BREAKS.intersection(value):
        # PyYAML would single-quote these with allow_unicode, and YAML folds a line break
        # in a quoted scalar into a space; double quotes escape them instead.
        style = '"'
    elif not isinstance(resolve_scalar(value, True), str):
        style = "'"  # text the loader's YAML 1.2 resolver would read as a number or a bool
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SpecDumper.add_representer(str, _represent_str)


def to_yaml(data: dict[str, Any]) -> str:
    """Spec data as the text of an ``appforge.yaml`` (deterministic for the same data)."""
    return HEADER + yaml.dump(natural_order(data), Dumper=_SpecDumper, sort_keys=False,
                              allow_unicode=True, width=100)
