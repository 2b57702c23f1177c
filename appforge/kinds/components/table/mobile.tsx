// The `table` component's widget (appforge mobile runtime): shipped as src/components/Table.tsx
// to an app that uses the component.
import React from "react";
import { Text as RNText, View } from "react-native";
import { Base, Muted, useColors } from "../runtime/components";
import { Value } from "../runtime/value";

export function Table(p: Base & { items: Value[]; labels: string[]; empty?: string;
                                  cells: (item: Value, index: number) => string[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const cell = { flex: 1, padding: 6, color: colors.text };
  return (
    <View testID={p.testID}>
      <View style={{ flexDirection: "row" }}>
        {p.labels.map((l, n) => <RNText key={n} style={{ ...cell, fontWeight: "700" }}>{l}</RNText>)}
      </View>
      {p.items.length === 0 && p.empty ? <Muted text={p.empty} /> : null}
      {p.items.map((item, index) => (
        <View key={index} testID={p.testID ? p.testID + "-item" : undefined} style={{ flexDirection: "row" }}>
          {p.cells(item, index).map((c, n) => <RNText key={n} style={cell}>{c}</RNText>)}
        </View>
      ))}
    </View>
  );
}
