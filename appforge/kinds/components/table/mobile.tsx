// The `table` component's widget (appforge mobile runtime): shipped as src/components/Table.tsx
// to an app that uses the component. A FlatList of rows under a header row, windowed like a
// list's.
import { FlatList, Text as RNText, StyleSheet, View } from "react-native";
import { Base, Muted, useColors } from "../runtime/components";
import { Value } from "../runtime/value";

export function Table(p: Base & { items: Value[]; labels: string[]; empty?: string;
                                  cells: (item: Value, index: number) => string[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const text = { color: colors.text };
  const rowID = p.testID ? p.testID + "-item" : undefined;
  return (
    <View testID={p.testID}>
      <View style={styles.row}>
        {p.labels.map((label, n) => <RNText key={n} style={[styles.cell, styles.header, text]}>{label}</RNText>)}
      </View>
      <FlatList data={p.items} keyExtractor={(_item, index) => String(index)}
                renderItem={({ item, index }) => (
                  <View testID={rowID} style={styles.row}>
                    {p.cells(item, index).map((cell, n) => <RNText key={n} style={[styles.cell, text]}>{cell}</RNText>)}
                  </View>
                )}
                ListEmptyComponent={p.empty ? <Muted text={p.empty} /> : undefined} />
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row" },
  cell: { flex: 1, padding: 6 },
  header: { fontWeight: "700" },
});
