// appforge mobile runtime: what every component's widget shares (the theme's colours,
// labels, actions on press; the screen and toasts are in navigation.tsx) and the widgets two kinds share (Box: row and column;
// Check: checkbox and switch; Input: input and textarea). Each other component's widget is
// its own file in src/components/, shipped only to an app that uses it. Spec text reaches the
// screen only as <Text> children and props (React Native has no HTML to inject into).
import React, { createContext, useContext } from "react";
import { Switch as RNSwitch, Text as RNText, TextInput, useColorScheme, View } from "react-native";
import { Ctx, read, run, Action, Target, write } from "./actions";
import { str } from "./value";

export type Theme = {
  primary: string; background: string; surface: string; text: string; danger: string;
  radius: number; spacing: number;
  dark: { background: string; surface: string; text: string; primary: string | null };
};
export const ThemeContext = createContext<Theme | null>(null);

export function useColors() {
  const theme = useContext(ThemeContext);
  const scheme = useColorScheme();
  if (!theme) throw new Error("ThemeContext missing");
  const dark = scheme === "dark";
  return {
    ...theme,
    background: dark ? theme.dark.background : theme.background,
    surface: dark ? theme.dark.surface : theme.surface,
    text: dark ? theme.dark.text : theme.text,
    primary: dark && theme.dark.primary ? theme.dark.primary : theme.primary,
  };
}

const noCtx: Ctx = { form: null, event: null };

export function fire(actions: Action[], c: Ctx = noCtx): void {
  run(c, actions).catch(() => undefined);
}

export type Base = { testID?: string; visible?: boolean };

export function Label(p: { text?: string }) {
  const colors = useColors();
  return p.text ? <RNText style={{ fontWeight: "600", color: colors.text }}>{p.text}</RNText> : null;
}

// A muted line of text (an empty list's or table's message).
export function Muted(p: { text: string }) {
  const colors = useColors();
  return <RNText style={{ color: colors.text, opacity: 0.7 }}>{p.text}</RNText>;
}

export function Input(p: Base & { bind: Target; label?: string; kind: string; placeholder?: string;
                                  rows?: number; onChange?: Action[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const value = read(p.bind);
  const numeric = p.kind === "number";
  return (
    <View style={{ gap: 4 }}>
      <Label text={p.label} />
      <TextInput testID={p.testID} accessibilityLabel={p.label ?? p.placeholder}
                 value={value === null ? "" : str(value)} placeholder={p.placeholder}
                 keyboardType={numeric ? "numeric" : p.kind === "email" ? "email-address" : "default"}
                 secureTextEntry={p.kind === "password"} multiline={(p.rows ?? 1) > 1}
                 numberOfLines={p.rows ?? 1}
                 onChangeText={(text) => write(p.bind, numeric ? (text === "" ? null : Number(text)) : text)}
                 onEndEditing={() => p.onChange && fire(p.onChange, { form: null, event: read(p.bind) })}
                 style={{ borderWidth: 1, borderColor: colors.text + "55", borderRadius: colors.radius,
                          padding: 8, color: colors.text }} />
    </View>
  );
}

export function Check(p: Base & { bind: Target; label?: string; onChange?: Action[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const on = !!read(p.bind);
  return (
    <View style={{ flexDirection: "row", alignItems: "center", gap: 8 }}>
      <RNSwitch testID={p.testID} accessibilityLabel={p.label} value={on}
                onValueChange={(v) => {
                  write(p.bind, v);
                  if (p.onChange) fire(p.onChange, { form: null, event: v });
                }} />
      {p.label ? <RNText style={{ color: colors.text }}>{p.label}</RNText> : null}
    </View>
  );
}

export function Box(p: Base & { row: boolean; gap?: number; align: string; children: React.ReactNode }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const align = { start: "flex-start", center: "center", end: "flex-end", stretch: "stretch", between: "center" }[p.align] ?? "stretch";
  return (
    <View testID={p.testID} style={{ flexDirection: p.row ? "row" : "column", flexWrap: p.row ? "wrap" : "nowrap",
                                     gap: p.gap ?? colors.spacing,
                                     alignItems: align as "flex-start" | "center" | "flex-end" | "stretch",
                                     justifyContent: p.align === "between" ? "space-between" : "flex-start" }}>
      {p.children}
    </View>
  );
}
