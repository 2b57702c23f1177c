"""The minified runtime's cache (~/.cache/appforge/runtime) is only ever a shortcut: what it
gives is what a fresh minification gives, and a damaged or planted entry never hangs a build
or ships in place of the runtime."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appforge.targets.web import render

CODE = "function f(a){var longname=a+1;return longname}"


@pytest.mark.parametrize("damage", ["fifo", "folder", "binary", "huge"])
def test_a_damaged_cache_entry_is_minified_again(tmp_path: Path, damage: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = render._mangle(CODE)
    [entry] = (tmp_path / "appforge" / "runtime").iterdir()
    assert render._mangle(CODE) == fresh  # from the cache
    entry.unlink()
    if damage == "fifo":
        os.mkfifo(entry)  # reading it would wait for a writer forever
    elif damage == "folder":
        entry.mkdir()
    elif damage == "binary":
        entry.write_bytes(b"\xff\xfe\x00")
    else:
        with entry.open("wb") as f:
            f.truncate(64 << 20)
    assert render._mangle(CODE) == fresh
