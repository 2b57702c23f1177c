// The `select` component's widget (appforge mobile runtime): shipped as src/components/Select.tsx
// to an app that uses the component.
import React from "react";
import { Pressable, Text as RNText, View } from "react-native";
import { read, Target, write } from "../runtime/actions";
import { Base, Label, useColors } from "../runtime/components";
import { Rec, str, Value } from "../runtime/value";

export function Select(p: Base & { bind: Target; label?: string; options: Value[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const current = read(p.bind);
  return (
    <View style={{ gap: 4 }}>
      <Label text={p.label} />
      <View testID={p.testID} accessibilityRole="radiogroup" style={{ flexDirection: "row", flexWrap: "wrap", gap: 6 }}>
        {p.options.map((o, n) => {
          const pair = o !== null && typeof o === "object" && !Array.isArray(o);
          const value: Value = pair ? (o as Rec).value : o;
          const label = str(pair ? (o as Rec).label : o);
          const selected = JSON.stringify(value) === JSON.stringify(current);
          return (
            <Pressable key={n} accessibilityRole="radio" accessibilityState={{ selected }} aria-checked={selected}
                       onPress={() => write(p.bind, value)}
                       style={{ borderWidth: 1, borderColor: colors.primary, borderRadius: colors.radius,
                                paddingVertical: 6, paddingHorizontal: 10,
                                backgroundColor: selected ? colors.primary : "transparent" }}>
              <RNText style={{ color: selected ? "#ffffff" : colors.primary }}>{label}</RNText>
            </Pressable>
          );
        })}
      </View>
    </View>
  );
}
