"""Stage 3: check names, types and expressions, and build the IR (see :mod:`.builder`)."""

from appforge.checker.builder import build_ir

__all__ = ["build_ir"]
