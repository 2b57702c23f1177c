// The `card` component's widget (appforge mobile runtime): shipped as src/components/Card.tsx
// to an app that uses the component.
import React from "react";
import { Text as RNText, View } from "react-native";
import { Base, useColors } from "../runtime/components";

export function Card(p: Base & { title?: string; children: React.ReactNode }) {
  const colors = useColors();
  if (p.visible === false) return null;
  return (
    <View testID={p.testID} style={{ backgroundColor: colors.surface, borderRadius: colors.radius,
                                     padding: colors.spacing * 2, gap: colors.spacing }}>
      {p.title ? <RNText style={{ fontWeight: "700", color: colors.text }}>{p.title}</RNText> : null}
      {p.children}
    </View>
  );
}
