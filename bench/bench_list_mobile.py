"""Benchmark: a 1,000-item list on mobile, the generated screen against a hand-written
FlatList screen of the same rows, side by side in one jest run (React Native's renderer):
median render time to the first row, heap growth, rows mounted. The aim: within 1.2x.

    python bench/bench_list_mobile.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).parent.parent
#: A page with just the list, as the hand-written screen has.
SPEC = """appforge: 1
app: {name: Rows, id: dev.appforge.rows, start: home}
models:
  Row:
    fields:
      id: {type: integer, required: true}
      name: {type: string, required: true}
state:
  rows: {type: list, of: Row, default: []}
pages:
  - id: home
    path: /
    title: Rows
    body:
      - type: list
        id: rows
        items: "{{ state.rows }}"
        as: row
        key: "{{ row.id }}"
        item:
          - {type: text, text: "{{ row.name }} ({{ index }})"}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from appforge.pipeline import build

    modules = Path(subprocess.run([str(ROOT / "scripts" / "install-mobile-deps")],
                                  capture_output=True, text=True, check=True)
                   .stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "rows"
        project.mkdir()
        (project / "appforge.yaml").write_text(SPEC, encoding="utf-8")
        result = build(project, ["mobile"], Path(tmp))
        assert result.ok, [str(d) for d in result.diagnostics]
        mobile = Path(tmp) / "mobile"
        (mobile / "node_modules").symlink_to(modules)
        (mobile / "__tests__").mkdir()
        shutil.copy(Path(__file__).parent / "mobile_list" / "list.bench.tsx",
                    mobile / "__tests__" / "list.test.tsx")
        proc = subprocess.run(["node", "--expose-gc", str(modules / ".bin" / "jest"), "--ci",
                               "--testTimeout=600000"], cwd=mobile, capture_output=True,
                              text=True, env={**os.environ, "RUNS": str(args.runs)})
        ok = proc.returncode == 0
        tail = proc.stderr[proc.stderr.rfind("Tests:"):] if ok else proc.stderr[-3000:]
        print(proc.stdout.strip(), tail.strip(), sep="\n")


if __name__ == "__main__":
    main()
