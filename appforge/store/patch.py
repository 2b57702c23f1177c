"""RFC 6902 JSON Patch between two JSON-like documents (and a small applier for checking).

Lists are aligned with :class:`difflib.SequenceMatcher` on a key per element (a component's
``type`` and ``id``, a page's ``id``, else the element's canonical JSON), so inserting one
component yields one ``add``, not a replacement of everything after it.
"""

from __future__ import annotations

import copy
import json
from difflib import SequenceMatcher
from typing import Any

Op = dict[str, Any]


def element_key(value: Any) -> Any:
    """What identifies a list element across versions."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            return ("id", str(value.get("type")), value["id"])
        if isinstance(value.get("type"), str):
            return ("type", value["type"])
        if isinstance(value.get("action"), str):
            return ("action", value["action"])
    return json.dumps(value, sort_keys=True, default=str)


def align(old: list[Any], new: list[Any]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes (as :meth:`SequenceMatcher.get_opcodes`) pairing the elements of two lists.

    Two passes: identical elements first (so removing one of two similar siblings removes the
    right one), then, inside each stretch that differs, elements with the same key (so an
    edited component is one change, not a removal and an addition).
    """
    # An element present on both sides as the very same object (the diff shares parsed files
    # between versions) is equal without serialising it.
    shared = {id(x) for x in old} & {id(x) for x in new}

    def exact_key(x: Any) -> str:
        return f"@{id(x)}" if id(x) in shared else _canonical(x)

    exact = SequenceMatcher(None, [exact_key(x) for x in old], [exact_key(x) for x in new],
                            autojunk=False)
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in exact.get_opcodes():
        if tag == "equal" or i1 == i2 or j1 == j2:
            out.append((tag, i1, i2, j1, j2))
            continue
        keyed = SequenceMatcher(None, [element_key(x) for x in old[i1:i2]],
                                [element_key(x) for x in new[j1:j2]], autojunk=False)
        out += [(t, i1 + a1, i1 + a2, j1 + b1, j1 + b2)
                for t, a1, a2, b1, b2 in keyed.get_opcodes()]
    return out


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def same(a: Any, b: Any) -> bool:
    """Equal as JSON: ``1``, ``1.0`` and ``true`` are three different values."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def make_patch(old: Any, new: Any) -> list[Op]:
    """The operations that turn ``old`` into ``new``."""
    ops: list[Op] = []
    _diff(old, new, "", ops)
    return ops


def _diff(a: Any, b: Any, ptr: str, ops: list[Op]) -> None:
    if a is b:
        return  # the same object (shared by the parse cache): nothing changed below
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                ops.append({"op": "remove", "path": f"{ptr}/{escape(k)}"})
        for k in a:
            if k in b:
                _diff(a[k], b[k], f"{ptr}/{escape(k)}", ops)
        for k in b:
            if k not in a:
                ops.append({"op": "add", "path": f"{ptr}/{escape(k)}", "value": b[k]})
    elif isinstance(a, list) and isinstance(b, list):
        _diff_list(a, b, ptr, ops)
    elif not same(a, b):
        ops.append({"op": "replace", "path": ptr, "value": b})


def _diff_list(a: list[Any], b: list[Any], ptr: str, ops: list[Op]) -> None:
    # Back to front: an operation never shifts the indices of the ones still to come.
    for tag, i1, i2, j1, j2 in reversed(align(a, b)):
        paired = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        for i in range(i2 - 1, i1 + paired - 1, -1):
            ops.append({"op": "remove", "path": f"{ptr}/{i}"})
        for k in range(paired, j2 - j1):
            ops.append({"op": "add", "path": f"{ptr}/{i1 + k}", "value": b[j1 + k]})
        for k in range(paired - 1, -1, -1):
            _diff(a[i1 + k], b[j1 + k], f"{ptr}/{i1 + k}", ops)


def apply_patch(doc: Any, ops: list[Op]) -> Any:
    """Apply add/remove/replace operations to a copy of ``doc`` (enough to check a patch)."""
    doc = copy.deepcopy(doc)
    for op in ops:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in op["path"].split("/")[1:]]
        if not tokens:
            doc = copy.deepcopy(op["value"])
            continue
        parent = doc
        for token in tokens[:-1]:
            parent = parent[int(token)] if isinstance(parent, list) else parent[token]
        last = tokens[-1]
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if op["op"] == "add":
                parent.insert(index, copy.deepcopy(op["value"]))
            elif op["op"] == "remove":
                del parent[index]
            else:
                parent[index] = copy.deepcopy(op["value"])
        elif op["op"] == "remove":
            del parent[last]
        else:
            parent[last] = copy.deepcopy(op["value"])
    return doc
