// The `text` component's widget (appforge mobile runtime): shipped as src/components/Text.tsx
// to an app that uses the component.
import { Text as RNText } from "react-native";
import { Base, useColors } from "../runtime/components";

export function Text(p: Base & { text: string; styleName: string }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const color = p.styleName === "error" ? colors.danger : p.styleName === "success" ? "#15803d" : colors.text;
  return <RNText testID={p.testID} style={{ color, opacity: p.styleName === "muted" ? 0.7 : 1 }}>{p.text}</RNText>;
}
