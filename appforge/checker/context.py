"""What the checker's passes share: the spec, resolved types, diagnostics and usage records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from appforge import ir
from appforge.checker.expressions import ExpressionChecker, Located, Scope
from appforge.diagnostics import Diagnostic, Severity, SourceSpan
from appforge.spec import Spec
from appforge.spec.base import SpecModel


@dataclass
class Context:
    spec: Spec
    root: str
    env: Mapping[str, str]
    diags: list[Diagnostic] = field(default_factory=list)
    models: dict[str, dict[str, ir.Type]] = field(default_factory=dict)
    model_fields: dict[str, tuple[ir.Field, ...]] = field(default_factory=dict)
    state: dict[str, ir.Type] = field(default_factory=dict)
    state_defaults: dict[str, object] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # name -> kind
    page_params: dict[str, dict[str, ir.Type]] = field(default_factory=dict)
    # Usage, for warnings: which state keys are read, which pages are reached.
    state_reads: set[str] = field(default_factory=set)
    computed_reads: set[str] = field(default_factory=set)
    #: The checked computed values by name (builder._computed), inlined where they are read.
    computed: Mapping[str, ir.Value] = field(default_factory=dict)
    reached_pages: set[str] = field(default_factory=set)
    assets: set[str] = field(default_factory=set)
    # Incremental checking: checked pages by (page, global_key); see builder._page.
    page_cache: dict[Any, Any] | None = None
    global_key: str = ""
    # Spec components (see composites.py): resolved prop types, the expansion budget.
    composites: Any = None

    def error(self, code: str, message: str, span: SourceSpan, hint: str | None = None,
              related: tuple[tuple[SourceSpan, str], ...] = ()) -> None:
        self.diags.append(Diagnostic(code, message, span, hint=hint, related=related))

    def warn(self, code: str, message: str, span: SourceSpan, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(code, message, span, Severity.WARNING, hint))

    def base_scope(self, params: Mapping[str, ir.Type] | None = None) -> Scope:
        return Scope(state=self.state, models=self.models, data=frozenset(self.sources),
                     env=self.env, params=params, computed=self.computed,
                     computed_reads=self.computed_reads)

    def checker(self, scope: Scope) -> ExpressionChecker:
        return ExpressionChecker(scope, self.diags)

    def record(self, value: ir.Value) -> ir.Value:
        """Note what a value reads (for the unused-state warning) and hand it back."""
        for dep in value.deps:
            if dep.startswith("state."):
                self.state_reads.add(dep[6:])
        return value


def where(model: SpecModel, *keys: str | int) -> Located:
    """The location of a scalar under a model, for expression diagnostics."""
    return Located(model.span_of(*keys), lambda: model.scalar_info(*keys))


def at_path(model: SpecModel, keys: tuple[str | int, ...]) -> Located:
    return Located(model.span_of(*keys), lambda: model.scalar_info(*keys))

