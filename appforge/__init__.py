"""appforge: compile declarative YAML app specs into web and mobile apps.

The library API (the CLI is a thin shell over it)::

    import appforge
    project = appforge.load("examples/expenses")   # load + validate (Pydantic)
    for d in appforge.check(project):              # names, types, expressions
        print(d)                                   # file:line:column: error[E0203]: ...
    result = appforge.analyze(project)             # the same, plus the IR
    app = result.app                               # appforge.ir.App, or None on errors

``check_project(path)`` and ``compile_project(path)`` do it all from a folder.

Imports are lazy so that ``appforge --help`` does not pay for pydantic or yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "CheckResult",
    "Diagnostic",
    "Project",
    "Severity",
    "SourceSpan",
    "analyze",
    "check",
    "check_project",
    "compile_project",
    "ir",
    "load",
]

if TYPE_CHECKING:
    from appforge import ir
    from appforge.diagnostics import Diagnostic, Severity, SourceSpan
    from appforge.pipeline import (
        CheckResult,
        Project,
        analyze,
        check,
        check_project,
        compile_project,
        load,
    )

_LAZY = {
    "Diagnostic": "appforge.diagnostics", "Severity": "appforge.diagnostics",
    "SourceSpan": "appforge.diagnostics", "CheckResult": "appforge.pipeline",
    "Project": "appforge.pipeline", "check": "appforge.pipeline", "analyze": "appforge.pipeline",
    "check_project": "appforge.pipeline", "compile_project": "appforge.pipeline",
    "load": "appforge.pipeline",
}


def __getattr__(name: str) -> Any:
    if name == "ir":
        import importlib

        return importlib.import_module("appforge.ir")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'appforge' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
