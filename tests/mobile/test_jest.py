"""What only native code does, checked with jest and @testing-library/react-native inside the
generated apps: AsyncStorage persistence (and its fallback), navigation parameters, and the
native widgets (a windowed FlatList, pull to refresh, the picker, the date picker, keyboards)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import shared_example
from tests.mobile.test_mobile import _build

pytestmark = pytest.mark.npm
HERE = Path(__file__).parent / "jest"


@pytest.mark.parametrize("example, test_file", [("todo", "todo.test.tsx"),
                                                ("quotes", "quotes.test.tsx"),
                                                ("widgets", "widgets.test.tsx")])
def test_native_behaviour_under_jest(example: str, test_file: str, same_path_each_run: Path,
                                     node_modules: Path) -> None:
    # At the same path each run, and the path appforge test's journeys use (out/mobile), so
    # jest's transform cache (keyed by the project's path) serves them all.
    project = HERE / example if (HERE / example).is_dir() else shared_example(example)
    mobile = _build(project, same_path_each_run / "out", node_modules)
    (mobile / "__tests__").mkdir()
    shutil.copy(HERE / test_file, mobile / "__tests__" / test_file)
    # jest's default 5 s per test is too short on a busy 2-core machine (a first render
    # compiles the app through babel); 60 s still stops a test that hangs.
    proc = subprocess.run([str(mobile / "node_modules" / ".bin" / "jest"), "--ci",
                           "--testTimeout=60000"],
                          cwd=mobile, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    assert "failed" not in proc.stderr.split("Tests:")[-1]
