"""The target interface and its entry-point registry."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from appforge import ir

ENTRY_POINT_GROUP = "appforge.targets"

# Used when appforge runs from a source tree that was never installed (no entry points yet).
_BUILTIN = {
    "web": "appforge.targets.web:WebTarget",
    "mobile": "appforge.targets.mobile:MobileTarget",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a target may know beyond the IR."""

    dev: bool = False  # `appforge dev`: the web target adds its live-reload client
    extra: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Target(Protocol):
    """A target renders a checked app into files: relative posix path -> bytes.

    It must be deterministic (same IR, same bytes) and must not write anything itself: the
    writer in :mod:`appforge.write` places the files atomically inside the output folder.
    """

    name: str

    def render(self, app: ir.App, options: RenderOptions) -> dict[str, bytes]: ...


# A target may also set ``keep``: top-level names in its output folder that belong to the user
# (installed packages, caches) and that a rebuild carries over; see appforge.write.write_tree.


@cache
def _registry() -> dict[str, str]:
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {**_BUILTIN, **found}


def available_targets() -> list[str]:
    return sorted(_registry())


def get_target(name: str) -> Target:
    """Instantiate the target registered as ``name`` (KeyError when there is none)."""
    spec = _registry()[name]
    module_name, _, attr = spec.partition(":")
    module = __import__(module_name, fromlist=[attr])
    target: Target = getattr(module, attr)()
    return target
