"""Diagnostics are bounded (issue 11, item 12): however many mistakes a spec holds, validate
explains the first ones, per file and in all, then says how many more there were, in time
linear in the spec's size."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from appforge.pipeline import MAX_PER_FILE, MAX_TOTAL, check_project

HEAD = "appforge: 1\n"
PAGE = "pages:\n  - id: home\n    body: [{type: text, text: hi}]\n"


def _flow(n: int) -> str:
    return "app: {name: T, id: com.example.t, " + ", ".join(f"k{i}: {i}" for i in range(n)) + \
        "}\n"


def _block(n: int) -> str:
    return "app:\n  name: T\n  id: com.example.t\n" + "".join(f"  k{i}: {i}\n" for i in range(n))


@pytest.mark.parametrize("n", [MAX_PER_FILE + 1, 2_000, 20_000])
@pytest.mark.parametrize("layout", [_flow, _block])
def test_many_unknown_keys_are_capped_with_a_count(tmp_path: Path, n: int,
                                                   layout: object) -> None:
    assert callable(layout)
    (tmp_path / "appforge.yaml").write_text(HEAD + layout(n) + PAGE)
    diags = check_project(tmp_path).diagnostics
    shown = [d for d in diags if d.code == "E0102"]
    more = [d for d in diags if d.code == "E0014"]
    assert len(shown) <= MAX_PER_FILE and len(more) == 1
    assert len(shown) + more[0].hidden == n
    assert more[0].message.startswith(f"{n - len(shown):,} more error")


def test_each_file_and_the_whole_project_are_capped(tmp_path: Path) -> None:
    files = 8
    (tmp_path / "appforge.yaml").write_text(HEAD + _block(10) + "include: [p/*.yaml]\n" + PAGE)
    (tmp_path / "p").mkdir()
    for f in range(files):
        pages = "".join(f"  - {{id: p{f}x{i}, body: [], oops: 1}}\n" for i in range(300))
        (tmp_path / "p" / f"f{f}.yaml").write_text("pages:\n" + pages)
    diags = check_project(tmp_path).diagnostics
    real = [d for d in diags if d.code != "E0014"]
    assert len(real) <= MAX_TOTAL
    for f in range(files):
        assert sum(1 for d in real if d.span.file == f"p/f{f}.yaml") <= MAX_PER_FILE
    # Nothing is lost silently: shown plus counted is every mistake made.
    assert len(real) + sum(d.hidden for d in diags) == 10 + files * 300


@pytest.mark.parametrize("n", [2_000, 200_000])
def test_validate_on_200000_unknown_keys_ends_in_seconds_with_bounded_output(
        tmp_path: Path, n: int) -> None:
    (tmp_path / "appforge.yaml").write_text(HEAD + _flow(n) + PAGE)
    assert (tmp_path / "appforge.yaml").stat().st_size < 8 * 1024 * 1024
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "appforge", "validate", "--format", "json",
                           str(tmp_path)], capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    document = json.loads(proc.stdout)
    out = document["diagnostics"]
    assert len(out) <= MAX_PER_FILE + 1 and len(proc.stdout) < 200_000
    [more] = [d for d in out if d["code"] == "E0014"]
    # Every unknown key is counted, shown or not.
    assert document["errors"] == n and more["hidden"] == n - MAX_PER_FILE
    assert elapsed < 60  # about 4 s alone; the margin is for a busy CI machine
