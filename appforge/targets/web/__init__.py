"""The web target: a static, dependency-free app (see :mod:`.render`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appforge.targets.web.render import WebTarget

__all__ = ["WebTarget"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the kinds import this package's escape and emit helpers while
    # the checker runs, and validate should not pay for Jinja and the renderer (about 0.2 s).
    if name == "WebTarget":
        from appforge.targets.web.render import WebTarget

        return WebTarget
    raise AttributeError(name)
