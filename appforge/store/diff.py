"""Semantic diff: what changed between two versions of a project, in app terms.

Both folders are loaded with :func:`appforge.loader.load_project` and merged into one document
(``app``, ``theme``, ``models``, ``state``, ``data``, ``pages``). Pages are matched by ``id``;
components by ``type`` and ``id``, aligned as sequences so one insertion is one change.
Files that are not specs (``data/``, ``assets/``) are compared as files. When a version does not
load, the whole diff falls back to files and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appforge.store.patch import align, escape, make_patch, same

SECTIONS = ("app", "theme", "models", "state", "data", "pages")
COMPONENT_LISTS = ("body", "children", "item")


@dataclass(frozen=True, slots=True)
class Change:
    """One change: JSON pointer ``path`` (or ``file:NAME``), kind added|removed|changed."""

    path: str
    kind: str
    old: Any
    new: Any
    description: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "old": self.old, "new": self.new,
                "description": self.description}


@dataclass(slots=True)
class DiffResult:
    changes: list[Change] = field(default_factory=list)
    patch: list[dict[str, Any]] = field(default_factory=list)
    semantic: bool = True
    note: str = ""


def semantic_diff(old_root: Path, new_root: Path) -> list[Change]:
    """The changes from the project at ``old_root`` to the one at ``new_root``."""
    return compare(old_root, new_root).changes


def compare(old_root: Path, new_root: Path) -> DiffResult:
    """Changes, JSON Patch (between the merged specs) and whether the diff is semantic."""
    from appforge.store.files import project_files

    old_files, new_files = project_files(old_root), project_files(new_root)
    # One parse cache for both sides: a file unchanged between them is parsed once.
    cache: dict[str, Any] = {}
    old_spec, old_docs, old_err = load_merged(old_root, cache)
    new_spec, new_docs, new_err = load_merged(new_root, cache)
    if old_err or new_err:
        result = DiffResult(semantic=False, note=f"file-level diff: {old_err or new_err}")
        result.changes = file_changes(old_files, new_files, set())
        return result
    result = DiffResult(patch=make_patch(old_spec, new_spec))
    differ = _Differ()
    differ.spec(old_spec, new_spec)
    result.changes = differ.out + file_changes(old_files, new_files, old_docs | new_docs)
    return result


def load_merged(root: Path, cache: dict[str, Any] | None = None
                ) -> tuple[dict[str, Any], set[str], str]:
    """(merged spec, spec file names, error message or "") for the project at ``root``."""
    from appforge.loader import load_project

    project = load_project(root, cache)
    errors = [d for d in project.diagnostics if d.severity.value == "error"]
    if project.entry is None or errors:
        first = errors[0] if errors else None
        why = f"{first.span.file}:{first.span.line}: {first.message}" if first else "no spec"
        return {}, set(), f"{root.name or root} does not load ({why})"
    entry = project.entry.data if isinstance(project.entry.data, dict) else {}
    merged: dict[str, Any] = {"app": entry.get("app"), "theme": entry.get("theme"),
                              "models": {}, "state": {}, "data": {}, "pages": []}
    for doc in project.documents:
        data = doc.data if isinstance(doc.data, dict) else {}
        for section in ("models", "state", "data"):
            if isinstance(data.get(section), dict):
                merged[section].update(data[section])
        if isinstance(data.get("pages"), list):
            merged["pages"].extend(data["pages"])
    return merged, {d.file for d in project.documents}, ""


def file_changes(old: dict[str, bytes], new: dict[str, bytes], skip: set[str]) -> list[Change]:
    """Per-file changes for the files not in ``skip`` (spec files, already diffed by meaning)."""
    out = []
    for name in sorted((old.keys() | new.keys()) - skip):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        path = f"file:{name}"
        if a is None:
            out.append(Change(path, "added", None, len(b or b""),
                              f"file {name}: added ({_size(len(b or b''))})"))
        elif b is None:
            out.append(Change(path, "removed", len(a), None, f"file {name}: removed"))
        else:
            out.append(Change(path, "changed", len(a), len(b),
                              f"file {name}: changed ({_size(len(a))} → {_size(len(b))})"))
    return out


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB"


def fmt(value: Any, limit: int = 60) -> str:
    """A value the way a spec author reads it: strings quoted, booleans lowercase."""
    import json

    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(spec: Any) -> str:
    """``date``, ``list of Task``, ``enum`` ... for a field or state declaration."""
    if not isinstance(spec, dict):
        return fmt(spec)
    kind = str(spec.get("type", "?"))
    return f"list of {spec['of']}" if kind == "list" and "of" in spec else kind


def _component_label(comp: Any, index: int) -> str:
    if not isinstance(comp, dict):
        return f"#{index + 1}"
    kind = str(comp.get("type", "component"))
    ident = comp.get("id")
    return f'{kind} "{ident}"' if isinstance(ident, str) else f"{kind} #{index + 1}"


class _Differ:
    """Walks two merged specs and collects :class:`Change` values in ``out``."""

    def __init__(self) -> None:
        self.out: list[Change] = []

    def add(self, ptr: str, kind: str, old: Any, new: Any, text: str) -> None:
        self.out.append(Change(ptr, kind, old, new, text))

    def spec(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        for section in ("app", "theme"):
            self.values("/" + section, section, "", old.get(section), new.get(section))
        self.named("/models", "model", old["models"], new["models"], self.model)
        self.named("/state", "state", old["state"], new["state"],
                   lambda p, c, a, b: self.values(p, c, "", a, b),
                   added=lambda v: f"added ({_type_name(v)})")
        self.named("/data", "data", old["data"], new["data"],
                   lambda p, c, a, b: self.values(p, c, "", a, b),
                   added=lambda v: f"added ({v.get('kind', '?') if isinstance(v, dict) else '?'})")
        self.pages(old["pages"], new["pages"])

    def named(self, ptr: str, what: str, old: dict[str, Any], new: dict[str, Any],
              inner: Any, added: Any = None, sep: str = ": ") -> None:
        """Entries of a mapping by name: added, removed, or compared by ``inner``."""
        for name in sorted(old.keys() | new.keys(), key=str):
            p, ctx = f"{ptr}/{escape(name)}", f"{what} {name}"
            if name not in new:
                self.add(p, "removed", old[name], None, f"{ctx}{sep}removed")
            elif name not in old:
                how = added(new[name]) if added else "added"
                self.add(p, "added", None, new[name], f"{ctx}{sep}{how}")
            else:
                inner(p, ctx, old[name], new[name])

    def model(self, ptr: str, ctx: str, old: Any, new: Any) -> None:
        a = old.get("fields") if isinstance(old, dict) else None
        b = new.get("fields") if isinstance(new, dict) else None
        if isinstance(a, dict) and isinstance(b, dict):
            self.named(f"{ptr}/fields", f"{ctx}: field", a, b,
                       lambda p, c, x, y: self.values(p, c, "", x, y),
                       added=lambda v: f"added ({_type_name(v)})", sep=" ")
            rest_a = {k: v for k, v in old.items() if k != "fields"}
            rest_b = {k: v for k, v in new.items() if k != "fields"}
            self.values(ptr, ctx, "", rest_a, rest_b)
        else:
            self.values(ptr, ctx, "", old, new)

    def values(self, ptr: str, ctx: str, key: str, old: Any, new: Any,
               named: str | None = None) -> None:
        """Generic comparison; component lists are aligned, other lists compared by element.

        ``named`` is the context that components with an ``id`` are described in: the page and
        the ancestors that have an id (ids are unique on a page outside list items), so
        ``page home › button "add"`` reads the same wherever the button sits.
        """
        if old is new:
            return  # the same parsed object on both sides: nothing changed below
        label = f"{ctx}: {key}" if key else ctx
        if isinstance(old, dict) and isinstance(new, dict):
            for k in list(old) + [k for k in new if k not in old]:
                sub = f"{key}.{k}" if key else str(k)
                p = f"{ptr}/{escape(k)}"
                if k in COMPONENT_LISTS and isinstance(old.get(k), list) \
                        and isinstance(new.get(k), list):
                    self.components(p, ctx, ctx if named is None else named, old[k], new[k])
                elif k not in new:
                    self.add(p, "removed", old[k], None,
                             f"{ctx}: {sub} removed (was {fmt(old[k])})")
                elif k not in old:
                    self.add(p, "added", None, new[k], f"{ctx}: {sub} added ({fmt(new[k])})")
                else:
                    self.values(p, ctx, sub, old[k], new[k])
        elif (isinstance(old, list) and isinstance(new, list) and old and new
              and all(isinstance(x, dict) for x in old + new)):
            self.sequence(ptr, ctx, key, old, new)
        elif not same(old, new):
            if old is None or new is None:
                kind = "added" if old is None else "removed"
                self.add(ptr, kind, old, new, f"{label}: {kind}")
            else:
                self.add(ptr, "changed", old, new, f"{label} {fmt(old)} → {fmt(new)}")

    def sequence(self, ptr: str, ctx: str, key: str, old: list[Any], new: list[Any]) -> None:
        """A list of mappings that are not components (actions, columns, options)."""
        for tag, i1, i2, j1, j2 in _align(old, new):
            paired = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
            for k in range(paired):
                self.values(f"{ptr}/{j1 + k}", ctx, f"{key}[{j1 + k + 1}]", old[i1 + k],
                            new[j1 + k])
            for i in range(i1 + paired, i2):
                self.add(f"{ptr}/{i}", "removed", old[i], None,
                         f"{ctx}: {key}[{i + 1}] removed (was {fmt(old[i])})")
            for j in range(j1 + paired, j2):
                self.add(f"{ptr}/{j}", "added", None, new[j],
                         f"{ctx}: {key}[{j + 1}] added ({fmt(new[j])})")

    def components(self, ptr: str, ctx: str, named: str, old: list[Any],
                   new: list[Any]) -> None:
        def where(comp: Any, index: int) -> tuple[str, str]:
            """(this component's description, the named context for its children)."""
            label = _component_label(comp, index)
            if isinstance(comp, dict) and isinstance(comp.get("id"), str):
                return f"{named} › {label}", f"{named} › {label}"
            return f"{ctx} › {label}", named

        for tag, i1, i2, j1, j2 in _align(old, new):
            if tag == "equal":
                for k in range(i2 - i1):
                    j = j1 + k
                    sub, inner = where(new[j], j)
                    self.values(f"{ptr}/{j}", sub, "", old[i1 + k], new[j], inner)
                continue
            for i in range(i1, i2):
                self.add(f"{ptr}/{i}", "removed", old[i], None, f"{where(old[i], i)[0]}: removed")
            for j in range(j1, j2):
                self.add(f"{ptr}/{j}", "added", None, new[j], f"{where(new[j], j)[0]}: added")

    def pages(self, old: list[Any], new: list[Any]) -> None:
        """Pages by ``id``; if some page has no usable id (a spec that would not compile),
        by alignment, like components."""
        a, b = _by_id(old), _by_id(new)
        if a is None or b is None:
            self.sequence_of_pages(old, new)
            return
        for pid in list(a) + [p for p in b if p not in a]:
            if pid not in b:
                self.add(f"/pages/{a[pid][0]}", "removed", a[pid][1], None, f"page {pid}: removed")
            elif pid not in a:
                self.add(f"/pages/{b[pid][0]}", "added", None, b[pid][1], f"page {pid}: added")
            else:
                self.values(f"/pages/{b[pid][0]}", f"page {pid}", "", a[pid][1], b[pid][1])
        common_a = [p for p in a if p in b]
        common_b = [p for p in b if p in a]
        if common_a != common_b:
            self.add("/pages", "changed", common_a, common_b,
                     f"pages: order {', '.join(common_a)} → {', '.join(common_b)}")

    def sequence_of_pages(self, old: list[Any], new: list[Any]) -> None:
        def label(page: Any, index: int) -> str:
            ident = page.get("id") if isinstance(page, dict) else None
            return f"page {ident}" if isinstance(ident, str) else f"page #{index + 1}"

        for tag, i1, i2, j1, j2 in _align(old, new):
            if tag == "equal":
                for k in range(i2 - i1):
                    self.values(f"/pages/{j1 + k}", label(new[j1 + k], j1 + k), "",
                                old[i1 + k], new[j1 + k])
                continue
            for i in range(i1, i2):
                self.add(f"/pages/{i}", "removed", old[i], None, f"{label(old[i], i)}: removed")
            for j in range(j1, j2):
                self.add(f"/pages/{j}", "added", None, new[j], f"{label(new[j], j)}: added")


def _by_id(pages: list[Any]) -> dict[str, tuple[int, Any]] | None:
    """Pages by id (with their index), or None unless every page has its own string id."""
    out: dict[str, tuple[int, Any]] = {}
    for i, page in enumerate(pages):
        ident = page.get("id") if isinstance(page, dict) else None
        if not isinstance(ident, str) or ident in out:
            return None
        out[ident] = (i, page)
    return out


def _align(old: list[Any], new: list[Any]) -> list[tuple[str, int, int, int, int]]:
    return align(old, new)
