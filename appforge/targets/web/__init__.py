"""The web target: a static, dependency-free app (see :mod:`.render`)."""

from appforge.targets.web.render import WebTarget

__all__ = ["WebTarget"]
