// The `link` component's widget (appforge mobile runtime): shipped as src/components/Link.tsx
// to an app that uses the component.
import { Linking, Pressable, Text as RNText } from "react-native";
import { hooks } from "../runtime/actions";
import { Base, useColors } from "../runtime/components";
import { Rec, safeUrl } from "../runtime/value";

export function Link(p: Base & { label: string; to?: string; params?: Rec; url?: string }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const press = () => {
    if (p.to) hooks.navigate(p.to, p.params ?? {});
    else if (p.url) {
      const u = safeUrl(p.url, ["http", "https", "mailto", "tel"]);
      if (u) Linking.openURL(u).catch(() => undefined);
    }
  };
  return (
    <Pressable testID={p.testID} accessibilityRole="link" onPress={press}>
      <RNText style={{ color: colors.primary, textDecorationLine: "underline" }}>{p.label}</RNText>
    </Pressable>
  );
}
