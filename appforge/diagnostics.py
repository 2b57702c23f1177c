"""Diagnostics are values: every stage collects them and the CLI reports them once.

A diagnostic names the file, line and column of the node it is about (1-based, as editors show
them), a stable code from :mod:`appforge.codes`, a message written for a person and, where we can
guess what was meant, a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class SourceSpan(NamedTuple):
    """A range in a spec file. Lines and columns are 1-based; ``end_*`` is exclusive.

    A NamedTuple rather than a frozen dataclass: a large spec makes hundreds of thousands of
    them, and a tuple is several times cheaper to create.
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def shifted(self, offset: int, length: int) -> SourceSpan:
        """The sub-span ``offset`` characters into a single-line span, ``length`` long."""
        start = self.column + offset
        return SourceSpan(self.file, self.line, start, self.line, start + max(length, 1))

    @staticmethod
    def unknown(file: str) -> SourceSpan:
        return SourceSpan(file, 1, 1, 1, 1)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    span: SourceSpan
    severity: Severity = Severity.ERROR
    hint: str | None = None
    # Other places that belong to the same problem (the first definition of a duplicate, ...).
    related: tuple[tuple[SourceSpan, str], ...] = field(default=())
    # An E0014 ("N more errors not shown") stands for N diagnostics that were left out.
    hidden: int = 0

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.span}: {self.severity.value}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, object]:
        shown: dict[str, object] = {
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.column,
            "end": {"line": self.span.end_line, "column": self.span.end_column},
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "related": [
                {"file": s.file, "line": s.line, "column": s.column, "message": m}
                for s, m in self.related
            ],
        }
        if self.hidden:
            shown["hidden"] = self.hidden
        return shown


def more_not_shown(count: int, span: SourceSpan) -> Diagnostic:
    """The diagnostic that stands for ``count`` errors that were left out."""
    return Diagnostic("E0014", f"{count:,} more error{'s' if count != 1 else ''} not shown",
                      span, hint="fix the errors shown first; the rest are often the same "
                      "mistake repeated", hidden=count)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.span.file, d.span.line, d.span.column, d.code)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean ...?' hint for a misspelt name, or None when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    names = sorted(set(candidates))
    shown = ", ".join(f"'{n}'" for n in names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return f"expected one of {shown}{more}" if names else "nothing is defined here"
