"""The dev server names only files of the build: every traversal attempt names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from appforge.dev.loop import spec_filter
from appforge.dev.server import _file_name


@pytest.mark.parametrize("path, name", [
    ("/", "index.html"),
    ("/index.html", "index.html"),
    ("/app.js", "app.js"),
    ("/assets/logo.png", "assets/logo.png"),
    ("/assets//logo.png", "assets/logo.png"),
])
def test_build_files(path: str, name: str) -> None:
    assert _file_name(path) == name


@pytest.mark.parametrize("path", [
    "/../etc/passwd", "/assets/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd",
    "/..%2fetc/passwd", "/..\\etc\\passwd", "/%5c..%5cetc", "/./index.html", "/a/%00b",
    "etc/passwd",
])
def test_traversal_names_nothing(path: str) -> None:
    assert _file_name(path) is None


def test_double_encoding_stays_literal() -> None:
    # Decoded once: '%2e%2e' is a literal name that no build file has.
    assert _file_name("/%252e%252e/etc/passwd") == "%2e%2e/etc/passwd"


def test_watch_filter(tmp_path: Path) -> None:
    accept = spec_filter(tmp_path)
    assert accept(None, str(tmp_path / "appforge.yaml"))
    assert accept(None, str(tmp_path / "pages" / "home.yaml"))
    assert accept(None, str(tmp_path / "assets" / "logo.png"))
    assert accept(None, str(tmp_path / "data" / "x.json"))
    assert not accept(None, str(tmp_path / "build" / "web" / "index.html"))
    assert not accept(None, str(tmp_path / ".appforge" / "objects" / "ab"))
    assert not accept(None, str(tmp_path / "notes.txt"))
    assert not accept(None, "/elsewhere/appforge.yaml")
