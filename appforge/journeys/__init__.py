"""User journeys: steps written beside the spec, checked by the compiler, run on each target.

``check(path)`` loads a project's journey files (``tests/*.journey.yaml``) and checks them
against the compiled app; ``run(path, ...)`` builds the app and runs every journey on the web
build and the mobile build (see :mod:`.runner`). ``appforge test`` and ``appforge validate``
are thin shells over these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from appforge.diagnostics import Diagnostic
from appforge.journeys.load import find_journey_files, load_journeys
from appforge.journeys.model import Journey, Step

if TYPE_CHECKING:
    from collections.abc import Mapping

    from appforge.journeys.runner import JourneyRun
    from appforge.pipeline import CheckResult

__all__ = ["Journey", "JourneyCheck", "Step", "check", "journey_diagnostics", "run"]


@dataclass
class JourneyCheck:
    """The checked project and its journeys (``journeys`` only when there are no errors)."""

    result: CheckResult
    journeys: list[Journey]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # each file's text, for code frames

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def check(path: str | Path, journeys_dir: str | Path | None = None,
          env: Mapping[str, str] | None = None) -> JourneyCheck:
    """Check a project and its journey files: the spec's diagnostics plus the journeys'."""
    from appforge.pipeline import check_project

    result = check_project(path, env)
    files = find_journey_files(result.root, Path(journeys_dir) if journeys_dir else None)
    journeys, diags, texts = _journeys_of(result, files)
    return JourneyCheck(result, journeys, [*result.diagnostics, *diags], files, texts)


def journey_diagnostics(result: CheckResult, journeys_dir: str | Path | None = None
                        ) -> list[Diagnostic]:
    """The diagnostics of a project's journey files (none when it has none), for validate."""
    files = find_journey_files(result.root, Path(journeys_dir) if journeys_dir else None)
    return _journeys_of(result, files)[1] if files else []


def _journeys_of(result: CheckResult, files: list[Path]
                 ) -> tuple[list[Journey], list[Diagnostic], dict[str, str]]:
    from appforge.journeys.checker import check_journeys

    journeys, diags, texts = load_journeys(result.root, files)
    if result.app is not None:
        diags.extend(check_journeys(result.app, journeys))
    return journeys, diags, texts


def run(path: str | Path, **options: object) -> JourneyRun:
    """Build the app and run its journeys; see :func:`appforge.journeys.runner.run`."""
    from appforge.journeys.runner import run as run_journeys

    return run_journeys(path, **options)  # type: ignore[arg-type]
