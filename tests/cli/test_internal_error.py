"""A bug of appforge's own (an exception no command expects) ends in one line that says so and
how to see the traceback, exit 1; never a traceback on the user's terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
# The build function raises as a bug would, then the real entry point runs.
CRASH = """
import sys
import appforge.pipeline as pipeline
def broken(*args, **kwargs):
    raise RuntimeError("something appforge did not expect")
pipeline.build = broken
from appforge.cli import main
sys.argv = ["appforge", "build", sys.argv[1], "--target", "web", "--out", sys.argv[2]]
main()
"""


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CRASH, str(ROOT / "examples" / "expenses"),
                           str(tmp_path / "out")], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", **env}, timeout=120)


def test_an_internal_error_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    proc = _run(tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "internal error: RuntimeError: something appforge did not expect" in proc.stderr
    assert "APPFORGE_DEBUG=1" in proc.stderr


def test_appforge_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = _run(tmp_path, APPFORGE_DEBUG="1")
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "something appforge did not expect" in proc.stderr
