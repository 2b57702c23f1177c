// The `button` component's widget (appforge mobile runtime): shipped as src/components/Button.tsx
// to an app that uses the component.
import { Pressable, Text as RNText } from "react-native";
import { Action } from "../runtime/actions";
import { Base, fire, useColors } from "../runtime/components";

export function Button(p: Base & { label: string; variant: string; disabled?: boolean; onPress: Action[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const background = p.variant === "danger" ? colors.danger : p.variant === "secondary" ? "transparent" : colors.primary;
  return (
    <Pressable testID={p.testID} accessibilityRole="button" disabled={!!p.disabled}
               accessibilityState={{ disabled: !!p.disabled }} onPress={() => fire(p.onPress)}
               style={{ backgroundColor: background, borderRadius: colors.radius, paddingVertical: 10,
                        paddingHorizontal: 16, opacity: p.disabled ? 0.5 : 1, alignSelf: "flex-start",
                        borderWidth: 1, borderColor: p.variant === "secondary" ? colors.primary : background }}>
      <RNText style={{ color: p.variant === "secondary" ? colors.primary : "#ffffff" }}>{p.label}</RNText>
    </Pressable>
  );
}
