"""Benchmark: a 1,000-item list on mobile, the generated screen against a hand-written FlatList
screen of the same data, side by side in one jest run (React Native's renderer under jest,
as the generated project's own tests run).

    python bench/bench_mobile_list.py [--rounds 5] [--items 1000]

Both screens sit in the same navigation container and native stack, so the figures compare
the screens. Each round renders one then the other (alternating which goes first), waits for
the first row, and measures the wall time from render() to that row, the heap retained by
the mounted screen (after a forced GC) and the number of rows mounted (a virtualized list
mounts a window, not 1,000). The figure is the median of the rounds; the aim is the
generated screen within 1.2x of the hand-written one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent

HAND_WRITTEN = """
import { NavigationContainer } from "@react-navigation/native";
import { createNativeStackNavigator } from "@react-navigation/native-stack";
import React from "react";
import { FlatList, StyleSheet, Text, View } from "react-native";
import { SafeAreaProvider } from "react-native-safe-area-context";

type Row = { name: string; n: number };
const Stack = createNativeStackNavigator();

function Rows({ rows }: { rows: Row[] }) {
  return (
    <FlatList
      data={rows}
      keyExtractor={(row) => row.name}
      renderItem={({ item }) => (
        <View testID="rows-item" style={styles.row}>
          <Text>{`${item.name}: ${item.n}`}</Text>
        </View>
      )}
    />
  );
}

export function HandWritten({ rows }: { rows: Row[] }) {
  return (
    <SafeAreaProvider>
      <NavigationContainer>
        <Stack.Navigator>
          <Stack.Screen name="home" options={{ title: "Rows" }}>
            {() => <Rows rows={rows} />}
          </Stack.Screen>
        </Stack.Navigator>
      </NavigationContainer>
    </SafeAreaProvider>
  );
}

const styles = StyleSheet.create({ row: { paddingVertical: 6 } });
"""

BENCH_TEST = """
import { render, screen, cleanup, waitFor } from "@testing-library/react-native";
import * as fs from "fs";
import React from "react";
import App from "../App";
import { HandWritten } from "../benchsrc/HandWritten";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? "5");
const ITEMS = Number(process.env.BENCH_ITEMS ?? "1000");
const rows = Array.from({ length: ITEMS }, (_, i) => ({ name: `row ${i}`, n: i }));
const gc = (global as unknown as { gc?: () => void }).gc;

async function measure(which: "generated" | "hand") {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  await render(which === "generated" ? <App /> : <HandWritten rows={rows} />);
  try {
    await waitFor(() => expect(screen.getByText("row 0: 0")).toBeTruthy(), { timeout: 60000 });
  } catch (e) {
    throw new Error(which + ": " + JSON.stringify(screen.toJSON()).slice(0, 3000));
  }
  const ms = performance.now() - started;
  gc?.();
  const heap = process.memoryUsage().heapUsed - before;
  const mounted = screen.queryAllByTestId("rows-item").length;
  await cleanup();
  return { ms, heap, mounted };
}

test("a 1,000-item list: generated against hand-written", async () => {
  const results: Record<string, { ms: number; heap: number; mounted: number }[]> =
    { generated: [], hand: [] };
  await measure("generated"); // warm both (module loading, first compile)
  await measure("hand");
  for (let round = 0; round < ROUNDS; round++) {
    const order: ("generated" | "hand")[] =
      round % 2 ? ["hand", "generated"] : ["generated", "hand"];
    for (const which of order) results[which].push(await measure(which));
  }
  fs.writeFileSync(process.env.BENCH_OUT as string, JSON.stringify(results));
}, 600000);
"""


def _spec(items: int) -> dict[str, object]:
    return {
        "appforge": 1,
        "app": {"name": "Rows", "id": "com.example.rows"},
        "models": {"Row": {"fields": {"name": {"type": "string"}, "n": {"type": "integer"}}}},
        "state": {"rows": {"type": "list", "of": "Row", "default": [
            {"name": f"row {i}", "n": i} for i in range(items)]}},
        "pages": [{"id": "home", "path": "/", "title": "Rows", "body": [
            {"type": "list", "id": "rows", "items": "{{ state.rows }}", "as": "row",
             "key": "{{ row.name }}",
             "item": [{"type": "text", "text": "{{ row.name }}: {{ row.n }}"}]}]}],
    }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()

    from appforge.pipeline import build

    proc = subprocess.run([str(ROOT / "scripts" / "install-mobile-deps")], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.exit("the mobile npm packages are not available: " + proc.stderr[-500:])
    node_modules = Path(proc.stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "rows"
        project.mkdir()
        (project / "appforge.yaml").write_text(yaml.safe_dump(_spec(args.items)))
        result = build(project, ["mobile"], Path(tmp) / "out")
        if not result.ok:
            sys.exit("\n".join(str(d) for d in result.diagnostics))
        mobile = Path(tmp) / "out" / "mobile"
        (mobile / "node_modules").symlink_to(node_modules)
        tests = mobile / "__tests__"
        tests.mkdir()
        (mobile / "benchsrc").mkdir()  # not under __tests__: jest runs every file there
        (mobile / "benchsrc" / "HandWritten.tsx").write_text(HAND_WRITTEN)
        (tests / "bench.test.tsx").write_text(BENCH_TEST)
        out = Path(tmp) / "results.json"
        env = {**os.environ, "BENCH_OUT": str(out), "BENCH_ROUNDS": str(args.rounds),
               "BENCH_ITEMS": str(args.items)}
        run = subprocess.run(["node", "--expose-gc", str(node_modules / "jest" / "bin" /
                                                        "jest.js"),
                              "--ci", "--runInBand", "--testPathPattern", "bench"],
                             cwd=mobile, env=env, capture_output=True, text=True)
        if run.returncode != 0 or not out.exists():
            sys.exit((run.stdout + run.stderr)[-3000:])
        results = json.loads(out.read_text())
    rows = {}
    for which in ("hand", "generated"):
        ms = _median([r["ms"] for r in results[which]])
        heap = _median([r["heap"] for r in results[which]])
        mounted = results[which][0]["mounted"]
        rows[which] = (ms, heap)
        print(f"{which:10} render to first row {ms:8.1f} ms   heap {heap / 1e6:7.2f} MB   "
              f"rows mounted {mounted:5d} of {args.items}")
    print(f"generated / hand-written: time {rows['generated'][0] / rows['hand'][0]:.2f}x, "
          f"heap {rows['generated'][1] / max(rows['hand'][1], 1):.2f}x  (aim: within 1.2x)")


if __name__ == "__main__":
    main()
