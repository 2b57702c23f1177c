"""Output formats shared by the commands (kept apart so importing the CLI stays cheap)."""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"
