// The `heading` component's widget (appforge mobile runtime): shipped as src/components/Heading.tsx
// to an app that uses the component.
import { Text as RNText } from "react-native";
import { Base, useColors } from "../runtime/components";

export function Heading(p: Base & { text: string; level: number }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const size = [30, 24, 20, 18, 16, 15][Math.min(Math.max(p.level, 1), 6) - 1];
  return (
    <RNText testID={p.testID} accessibilityRole="header"
            style={{ fontSize: size, fontWeight: "700", color: colors.text }}>{p.text}</RNText>
  );
}
