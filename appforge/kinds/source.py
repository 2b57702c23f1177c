"""The data-source kind: what one ``data:`` entry (``kind: rest``, ``kind: static``) is.

A source kind lives in one folder (the built-ins in ``appforge/kinds/sources/<name>/``) and is
registered under the ``appforge.sources`` entry points, the built-ins exactly as a plugin. It
holds the spec model, the checker rule that makes its IR node, what the web page's CSP must
allow it to reach, and one :class:`SourceImpl` per target. A kind that reads a project file
names it with the key ``file`` (the snapshot store records it without loading any kind).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appforge import ir
from appforge.kinds import registry

if TYPE_CHECKING:
    from appforge.checker.context import Context
    from appforge.spec.base import SpecModel


@dataclass(frozen=True)
class SourceImpl:
    """A source kind on one target: ``emit(emitter, node)`` writes the source's entry in the
    app's table of sources; ``runtime`` is the code shipped to apps with such a source."""

    emit: Callable[[Any, Any], str]
    runtime: Path | None = None

    def code(self) -> str:
        return self.runtime.read_text(encoding="utf-8") if self.runtime is not None else ""


def _nothing(node: Any) -> tuple[Any, ...]:
    return ()


@dataclass(frozen=True)
class HttpFetch:
    """How a source is fetched over HTTP, for what mocks its requests (the journeys' mock
    steps, their smoke journeys, the jest harness)."""

    #: The URLs it requests (a query string allowed).
    url: re.Pattern[str]
    method: str = "GET"
    #: Fetched when the app starts: a smoke journey waits for it.
    auto: bool = False
    #: A reply that fills it with nothing (an empty list or record where it lands).
    empty_reply: object = None


def _not_http(node: Any) -> HttpFetch | None:
    return None


@dataclass(frozen=True)
class SourceKind:
    """One kind of data source: ``name`` is the ``kind:`` value a spec writes."""

    name: str
    model: type[SpecModel]
    #: (context, source name, model, scope) -> the IR node, or None after an error.
    check: Callable[[Context, str, Any, Any], ir.DataSource | None]
    targets: Mapping[str, SourceImpl] = field(default_factory=dict)
    #: Whether ``fetch`` can ask for it again (a REST source can; static data cannot).
    fetchable: bool = False
    #: The origins the web page must be allowed to connect to, ``"*"`` for one computed at
    #: run time (each is parsed and written again before it reaches the CSP).
    origins: Callable[[Any], tuple[str, ...]] = _nothing
    #: The action lists a node holds (``on_error``).
    actions: Callable[[Any], tuple[tuple[ir.Action, ...], ...]] = _nothing
    #: node -> how it is fetched over HTTP, or None for a source that is not (static data).
    http: Callable[[Any], HttpFetch | None] = _not_http
    #: A short YAML example for the docs, and one line for the AI prompt.
    example: str = ""
    prompt: str = ""


def _accept(obj: Any) -> bool:
    return isinstance(obj, SourceKind)


@cache
def source_kinds() -> Mapping[str, SourceKind]:
    """Every registered source kind by name (built-ins first)."""
    kinds = registry.table(registry.SOURCES, _accept)
    return {name: kind for name, kind in kinds.items() if kind.name == name}


def used_sources(app: ir.App) -> list[str]:
    """The names of the source kinds an app has, in the registry's order."""
    used = {s.kind for s in app.data}
    return [name for name in source_kinds() if name in used]


def http_fetch(node: ir.DataSource) -> HttpFetch | None:
    """How the source ``node`` is fetched over HTTP (its kind says), or None."""
    kind = source_kinds().get(node.kind)
    return kind.http(node) if kind is not None else None
