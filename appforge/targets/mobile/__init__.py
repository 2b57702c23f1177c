"""The mobile target: an Expo React Native project in strict TypeScript (see :mod:`.render`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appforge.targets.mobile.render import MobileTarget

__all__ = ["MobileTarget"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the kinds import this package's escape and emit helpers while
    # the checker runs, and validate should not pay for Jinja and the renderer (about 0.2 s).
    if name == "MobileTarget":
        from appforge.targets.mobile.render import MobileTarget

        return MobileTarget
    raise AttributeError(name)
