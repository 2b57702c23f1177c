"""The pinned npm packages of the mobile target, installed once per machine (cached by the
lock file's hash) and shared by every generated app."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="session")
def node_modules() -> Path:
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the mobile checks need Node.js")
    proc = subprocess.run([str(ROOT / "scripts" / "install-mobile-deps")], capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return Path(proc.stdout.strip().splitlines()[-1])
