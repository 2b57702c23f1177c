"""Targets turn the IR into files. Each is registered under the ``appforge.targets`` entry point
group (the built-ins too), so a new target is a package of its own, not an edit here."""

from appforge.targets.base import RenderOptions, Target, available_targets, get_target

__all__ = ["RenderOptions", "Target", "available_targets", "get_target"]
