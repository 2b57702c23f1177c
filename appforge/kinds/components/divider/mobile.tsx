// The `divider` component's widget (appforge mobile runtime): shipped as src/components/Divider.tsx
// to an app that uses the component.
import { StyleSheet, View } from "react-native";
import { Base, useColors } from "../runtime/components";

export function Divider(p: Base) {
  const colors = useColors();
  if (p.visible === false) return null;
  return <View testID={p.testID} style={{ height: StyleSheet.hairlineWidth, backgroundColor: colors.text + "44" }} />;
}
