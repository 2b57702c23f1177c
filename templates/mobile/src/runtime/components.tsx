// appforge mobile runtime: the components, with native widgets. Spec text reaches the screen
// only as <Text> children and props (React Native has no HTML to inject into).
import React, { createContext, useContext, useEffect, useState } from "react";
import {
  Image as RNImage, KeyboardAvoidingView, Linking, Platform, Pressable, ScrollView,
  StyleSheet, Switch as RNSwitch, Text as RNText, TextInput, useColorScheme, View,
} from "react-native";
import { SafeAreaView } from "react-native-safe-area-context";
import { Ctx, hooks, pendingToasts, read, run, Action, Target, write } from "./actions";
import { validate } from "./validate";
import { FieldDesc, m, own, put, Rec, safeUrl, str, Value } from "./value";

export type Theme = {
  primary: string; background: string; surface: string; text: string; danger: string;
  radius: number; spacing: number;
  dark: { background: string; surface: string; text: string; primary: string | null };
};
export const ThemeContext = createContext<Theme | null>(null);

function useColors() {
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
function fire(actions: Action[], c: Ctx = noCtx): void {
  run(c, actions).catch(() => undefined);
}

type Base = { testID?: string; visible?: boolean };

export function Screen(props: { children: React.ReactNode; nav?: React.ReactNode }) {
  const colors = useColors();
  return (
    <SafeAreaView style={{ flex: 1, backgroundColor: colors.background }} edges={["bottom"]}>
      <KeyboardAvoidingView style={{ flex: 1 }} behavior={Platform.OS === "ios" ? "padding" : undefined}>
        <ScrollView contentContainerStyle={{ padding: colors.spacing * 2, gap: colors.spacing }}>
          {props.children}
        </ScrollView>
      </KeyboardAvoidingView>
      {props.nav}
    </SafeAreaView>
  );
}

export function Heading(p: Base & { text: string; level: number }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const size = [30, 24, 20, 18, 16, 15][Math.min(Math.max(p.level, 1), 6) - 1];
  return (
    <RNText testID={p.testID} accessibilityRole="header"
            style={{ fontSize: size, fontWeight: "700", color: colors.text }}>{p.text}</RNText>
  );
}

export function Text(p: Base & { text: string; styleName: string }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const color = p.styleName === "error" ? colors.danger : p.styleName === "success" ? "#15803d" : colors.text;
  return <RNText testID={p.testID} style={{ color, opacity: p.styleName === "muted" ? 0.7 : 1 }}>{p.text}</RNText>;
}

export function Image(p: Base & { src: string; alt: string; width?: number; height?: number }) {
  if (p.visible === false) return null;
  const uri = safeUrl(p.src, ["http", "https"]);
  if (uri === null) return null;
  return <RNImage testID={p.testID} accessibilityLabel={p.alt} accessible
                  source={{ uri }} style={{ width: p.width ?? 64, height: p.height ?? 64 }} />;
}

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

function Label(p: { text?: string }) {
  const colors = useColors();
  return p.text ? <RNText style={{ fontWeight: "600", color: colors.text }}>{p.text}</RNText> : null;
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

export function Card(p: Base & { title?: string; children: React.ReactNode }) {
  const colors = useColors();
  if (p.visible === false) return null;
  return (
    <View testID={p.testID} style={{ backgroundColor: colors.surface, borderRadius: colors.radius,
                                     padding: colors.spacing * 2, gap: colors.spacing }}>
      {p.title ? <RNText style={{ fontWeight: "700", color: colors.text }}>{p.title}</RNText> : null}
      {p.children}
    </View>
  );
}

export function Divider(p: Base) {
  const colors = useColors();
  if (p.visible === false) return null;
  return <View testID={p.testID} style={{ height: StyleSheet.hairlineWidth, backgroundColor: colors.text + "44" }} />;
}

export function Spacer(p: Base) {
  if (p.visible === false) return null;
  return <View testID={p.testID} style={{ flex: 1 }} />;
}

export function List(p: Base & { items: Value[]; keyOf: (item: Value, index: number) => string;
                                 empty?: string; renderItem: (item: Value, index: number) => React.ReactNode }) {
  if (p.visible === false) return null;
  return (
    <View testID={p.testID} style={{ gap: 6 }}>
      {p.items.length === 0 && p.empty ? <Text text={p.empty} styleName="muted" /> : null}
      {p.items.map((item, index) => (
        <View key={p.keyOf(item, index)} testID={p.testID ? p.testID + "-item" : undefined}>
          {p.renderItem(item, index)}
        </View>
      ))}
    </View>
  );
}

export function Table(p: Base & { items: Value[]; labels: string[]; empty?: string;
                                  cells: (item: Value, index: number) => string[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const cell = { flex: 1, padding: 6, color: colors.text };
  return (
    <View testID={p.testID}>
      <View style={{ flexDirection: "row" }}>
        {p.labels.map((l, n) => <RNText key={n} style={{ ...cell, fontWeight: "700" }}>{l}</RNText>)}
      </View>
      {p.items.length === 0 && p.empty ? <Text text={p.empty} styleName="muted" /> : null}
      {p.items.map((item, index) => (
        <View key={index} testID={p.testID ? p.testID + "-item" : undefined} style={{ flexDirection: "row" }}>
          {p.cells(item, index).map((c, n) => <RNText key={n} style={cell}>{c}</RNText>)}
        </View>
      ))}
    </View>
  );
}

export function Form(p: Base & { model: string; fields: string[]; submitLabel: string; onSubmit: Action[] }) {
  const colors = useColors();
  const fields = (own(hooks.models, p.model) ?? []).filter((f) => p.fields.indexOf(f.name) >= 0);
  const initial: Record<string, Value> = {};
  fields.forEach((f) => { put(initial, f.name, f.d ?? (f.type.k === "boolean" ? false : null)); });
  const [values, setValues] = useState<Record<string, Value>>(initial);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  if (p.visible === false) return null;
  const id = (s: string) => (p.testID ? p.testID + "-" + s : undefined);
  const submit = () => {
    const found: Record<string, string | null> = {};
    fields.forEach((f) => { put(found, f.name, validate(f, m(values, f.name))); });
    setErrors(found);
    if (Object.values(found).some((e) => e)) return;
    run({ form: { ...values }, event: null }, p.onSubmit).then(() => setValues(initial), () => undefined);
  };
  return (
    <View testID={p.testID} style={{ gap: colors.spacing }}>
      {fields.map((f) => {
        const v = m(values, f.name);
        const change = (nv: Value) => setValues({ ...values, [f.name]: nv });
        const k = f.type.k;
        let control: React.ReactNode;
        if (k === "boolean") {
          control = <RNSwitch testID={id(f.name)} accessibilityLabel={f.label} value={!!v} onValueChange={change} />;
        } else if (k === "enum") {
          control = (
            <View testID={id(f.name)} accessibilityRole="radiogroup" style={{ flexDirection: "row", gap: 6, flexWrap: "wrap" }}>
              {(f.type.v ?? []).map((option) => (
                <Pressable key={option} accessibilityRole="radio" accessibilityState={{ selected: v === option }}
                           aria-checked={v === option}
                           onPress={() => change(option)}
                           style={{ borderWidth: 1, borderColor: colors.primary, borderRadius: colors.radius, padding: 6,
                                    backgroundColor: v === option ? colors.primary : "transparent" }}>
                  <RNText style={{ color: v === option ? "#ffffff" : colors.primary }}>{option}</RNText>
                </Pressable>
              ))}
            </View>
          );
        } else {
          const numeric = k === "number" || k === "integer";
          control = (
            <TextInput testID={id(f.name)} accessibilityLabel={f.label} value={v === null ? "" : str(v)}
                       keyboardType={numeric ? "numeric" : k === "email" ? "email-address" : "default"}
                       onChangeText={(text) => change(numeric ? (text === "" ? null : Number(text)) : text)}
                       style={{ borderWidth: 1, borderColor: own(errors, f.name) ? colors.danger : colors.text + "55",
                                borderRadius: colors.radius, padding: 8, color: colors.text }} />
          );
        }
        return (
          <View key={f.name} style={{ gap: 4 }}>
            <Label text={f.label} />
            {control}
            <RNText testID={id(f.name + "-error")} style={{ color: colors.danger }}>{own(errors, f.name) ?? ""}</RNText>
          </View>
        );
      })}
      <Pressable testID={id("submit")} accessibilityRole="button" onPress={submit}
                 style={{ backgroundColor: colors.primary, borderRadius: colors.radius, padding: 10, alignSelf: "flex-start" }}>
        <RNText style={{ color: "#ffffff" }}>{p.submitLabel}</RNText>
      </Pressable>
    </View>
  );
}

export function Toasts() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const show = (m: string) => {
      setMessage(m);
      setTimeout(() => setMessage((current) => (current === m ? null : current)), 3000);
    };
    hooks.toast = show;
    const waiting = pendingToasts.splice(0);
    if (waiting.length) show(waiting[waiting.length - 1]);
  }, []);
  if (!message) return null;
  return (
    <View accessibilityRole="alert" accessibilityLiveRegion="polite"
          style={{ position: "absolute", bottom: 32, alignSelf: "center", backgroundColor: "#111827",
                   borderRadius: 8, paddingVertical: 10, paddingHorizontal: 16 }}>
      <RNText style={{ color: "#ffffff" }}>{message}</RNText>
    </View>
  );
}

export function TabBar(p: { tabs: { id: string; label: string }[]; current: string }) {
  const colors = useColors();
  return (
    <View accessibilityRole="tablist" style={{ flexDirection: "row", borderTopWidth: StyleSheet.hairlineWidth,
                                               borderColor: colors.text + "44", backgroundColor: colors.surface }}>
      {p.tabs.map((t) => (
        <Pressable key={t.id} testID={"nav-" + t.id} accessibilityRole="tab"
                   accessibilityState={{ selected: t.id === p.current }}
                   onPress={() => hooks.navigate(t.id, {})} style={{ flex: 1, padding: 12, alignItems: "center" }}>
          <RNText style={{ color: t.id === p.current ? colors.primary : colors.text }}>{t.label}</RNText>
        </Pressable>
      ))}
    </View>
  );
}
