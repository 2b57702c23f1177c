// The `tab` component's widget (appforge mobile runtime): shipped as src/components/Tab.tsx
// to an app that uses the component. Tabs reads its label; it shows the panel.
import React from "react";
import { StyleSheet, View } from "react-native";
import { Base } from "../runtime/components";

export function Tab(p: Base & { label: string; children: React.ReactNode }) {
  if (p.visible === false) return null;
  return <View testID={p.testID} style={styles.panel}>{p.children}</View>;
}

const styles = StyleSheet.create({ panel: { gap: 8 } });
