"""The mobile target: an Expo React Native project in strict TypeScript (see :mod:`.render`)."""

from appforge.targets.mobile.render import MobileTarget

__all__ = ["MobileTarget"]
