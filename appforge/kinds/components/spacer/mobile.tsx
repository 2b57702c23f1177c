// The `spacer` component's widget (appforge mobile runtime): shipped as src/components/Spacer.tsx
// to an app that uses the component.
import { View } from "react-native";
import { Base } from "../runtime/components";

export function Spacer(p: Base) {
  if (p.visible === false) return null;
  return <View testID={p.testID} style={{ flex: 1 }} />;
}
