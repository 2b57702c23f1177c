"""Where the shipped data folders are: ``templates/`` and ``specs/``.

In a wheel they are inside the package (``appforge/_templates``, ``appforge/_specs``, mapped by
hatchling's ``sources``); in a source checkout or an editable install they are at the top of the
repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def templates_dir() -> Path:
    for candidate in (_PACKAGE / "_templates", _PACKAGE.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("appforge's templates/ folder is missing from this installation")


@cache
def specs_dir() -> Path:
    for candidate in (_PACKAGE / "_specs", _PACKAGE.parent / "specs"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("appforge's specs/ folder is missing from this installation")
