"""Stage 3: check names, types and expressions, and build the IR (see :mod:`.builder`)."""

from appforge.check.builder import build_ir

__all__ = ["build_ir"]
