// The `bar_chart` component's widget (appforge-charts): React Native views, no chart library.
import { Text as RNText, View } from "react-native";
import { Base, useColors } from "../runtime/components";
import { Value } from "../runtime/value";

export function BarChart(p: Base & { items: Value[]; title?: string; max: number;
                                     bar: (item: Value, index: number) => { label: string; value: number } }) {
  const colors = useColors();
  if (p.visible === false) return null;
  return (
    <View testID={p.testID} style={{ gap: 6 }}>
      {p.title ? <RNText style={{ fontWeight: "600", color: colors.text }}>{p.title}</RNText> : null}
      {p.items.map((item, index) => {
        const b = p.bar(item, index);
        const width = Math.max(0, Math.min(100, (b.value / p.max) * 100));
        return (
          <View key={index} testID={p.testID ? p.testID + "-item" : undefined}
                style={{ flexDirection: "row", alignItems: "center", gap: 8 }}>
            <RNText style={{ width: 96, color: colors.text }}>{b.label}</RNText>
            <View style={{ flex: 1, height: 14, borderRadius: colors.radius, backgroundColor: colors.text + "22" }}>
              <View style={{ width: `${width}%`, height: "100%", borderRadius: colors.radius,
                             backgroundColor: colors.primary }} />
            </View>
            <RNText style={{ width: 48, textAlign: "right", color: colors.text }}>{String(b.value)}</RNText>
          </View>
        );
      })}
    </View>
  );
}
