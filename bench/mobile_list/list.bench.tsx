// A 1,000-item list, side by side in one jest run (React Native's test renderer): the screen
// appforge generates for a page with a list of rows (bench_list_mobile.py's spec) against a hand-written
// FlatList screen showing the same rows. Copied into the generated app by bench_list_mobile.py.
import { render, screen } from "@testing-library/react-native";
import React from "react";
import { FlatList, StyleSheet, Text, View } from "react-native";
import { SafeAreaProvider } from "react-native-safe-area-context";
import { theme } from "../src/app";
import { ThemeContext } from "../src/runtime/components";
import { hydrate, set } from "../src/runtime/store";
import { models, state } from "../src/app";
import HomeScreen from "../src/screens/HomeScreen";

type Row = { id: number; name: string };
const rows: Row[] = Array.from({ length: 1000 }, (_, n) => ({ id: n + 1, name: "Row " + (n + 1) }));
const RUNS = Number(process.env.RUNS ?? 7);

function HandWritten({ data }: { data: Row[] }) {
  return (
    <FlatList data={data} keyExtractor={(row) => String(row.id)} contentContainerStyle={styles.list}
              renderItem={({ item, index }) => (
                <View testID="rows-item"><Text>{item.name} ({index})</Text></View>
              )} />
  );
}
const styles = StyleSheet.create({ list: { padding: 16, gap: 6 } });

const navigation = { setOptions: () => undefined } as never;
const route = { key: "home", name: "home", params: undefined } as never;

function heap(): number {
  (global as unknown as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

async function measure(make: () => React.ReactElement): Promise<{ ms: number; bytes: number; rows: number }> {
  const before = heap();
  const started = performance.now();
  await render(make());
  await screen.findByText("Row 1 (0)");
  const ms = performance.now() - started;
  const rowsShown = screen.getAllByTestId("rows-item").length;
  const bytes = heap() - before;
  await screen.unmount();
  return { ms, bytes, rows: rowsShown };
}

test("a 1,000-item list: generated screen against a hand-written FlatList", async () => {
  await hydrate({ id: "bench", state, models });
  set("rows", rows);
  const generated = () => (
    <SafeAreaProvider><ThemeContext.Provider value={theme}>
      <HomeScreen navigation={navigation} route={route} />
    </ThemeContext.Provider></SafeAreaProvider>
  );
  const hand = () => <HandWritten data={rows} />;
  await measure(generated); await measure(hand);  // warm both up
  const results: Record<string, { ms: number; bytes: number; rows: number }[]> = { generated: [], hand: [] };
  for (let run = 0; run < RUNS; run++) {
    results.generated.push(await measure(generated));
    results.hand.push(await measure(hand));
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const line = (name: string) => {
    const r = results[name];
    return `${name.padEnd(10)} render ${median(r.map((x) => x.ms)).toFixed(1).padStart(7)} ms   ` +
      `heap ${(median(r.map((x) => x.bytes)) / 1e6).toFixed(2).padStart(6)} MB   rows mounted ${r[0].rows}`;
  };
  const ratio = median(results.generated.map((x) => x.ms)) / median(results.hand.map((x) => x.ms));
  process.stdout.write(`\n${line("generated")}\n${line("hand")}\nratio ${ratio.toFixed(2)}x (aim: 1.2x)\n`);
});
