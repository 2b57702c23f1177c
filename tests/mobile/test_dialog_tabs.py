"""The dialog and tabs components on mobile: the build of tests/web/parts type-checks under
the generated project's strict tsconfig, and under jest (@testing-library/react-native) the
dialog opens and closes with its state and tabs switch panels, as in Chromium on the web."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.mobile.test_mobile import _build

pytestmark = pytest.mark.npm

HERE = Path(__file__).parent
PARTS = HERE.parent / "web" / "parts"


def test_dialog_and_tabs_type_check_and_behave(same_path_each_run: Path,
                                               node_modules: Path) -> None:
    mobile = _build(PARTS, same_path_each_run / "out", node_modules)
    tsc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                          str(mobile)], capture_output=True, text=True, timeout=300)
    assert tsc.returncode == 0, tsc.stdout[-3000:]
    (mobile / "__tests__").mkdir()
    shutil.copy(HERE / "jest" / "parts.test.tsx", mobile / "__tests__" / "parts.test.tsx")
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "jest"), "--ci",
                           "--testTimeout=60000"],
                          cwd=mobile, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
