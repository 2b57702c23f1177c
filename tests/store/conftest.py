"""Fixtures for the snapshot store tests: small projects written inline."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from store_specs import HOME, TODO

Files = dict[str, str | bytes]


def write_files(root: Path, files: Files) -> Path:
    """Write ``files`` (relative path -> text or bytes) under ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small valid project: entry file, one included page, a data file and an asset."""
    return write_files(tmp_path / "proj", {
        "appforge.yaml": TODO, "pages/home.yaml": HOME,
        "data/tasks.json": '[{"title": "a"}]', "assets/logo.png": b"\x89PNG\r\n\x1a\n\x00\xff",
        "notes.txt": "not part of the build",
    })


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[str, Files], Path]:
    """Write a named project folder from a dict of files."""
    made: list[str] = []

    def make(name: str, files: Files) -> Path:
        made.append(name)  # a fresh folder per call, even for a name used before
        return write_files(tmp_path / f"{len(made)}" / name, files)
    return make
