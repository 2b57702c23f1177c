// The `list` component's widget (appforge mobile runtime): shipped as src/components/List.tsx
// to an app that uses the component.
import React from "react";
import { View } from "react-native";
import { Base, Muted } from "../runtime/components";
import { Value } from "../runtime/value";

export function List(p: Base & { items: Value[]; keyOf: (item: Value, index: number) => string;
                                 empty?: string; renderItem: (item: Value, index: number) => React.ReactNode }) {
  if (p.visible === false) return null;
  return (
    <View testID={p.testID} style={{ gap: 6 }}>
      {p.items.length === 0 && p.empty ? <Muted text={p.empty} /> : null}
      {p.items.map((item, index) => (
        <View key={p.keyOf(item, index)} testID={p.testID ? p.testID + "-item" : undefined}>
          {p.renderItem(item, index)}
        </View>
      ))}
    </View>
  );
}
