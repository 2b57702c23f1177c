// appforge mobile runtime: what every component's widget shares (the theme's colours, the
// screen's body, labels, actions on press) and the widgets two kinds share (Box: row and column;
// Check: checkbox and switch; Input: input and textarea). Each other component's widget is
// its own file in src/components/, shipped only to an app that uses it. Spec text reaches the
// screen only as <Text> children and props (React Native has no HTML to inject into).
import DateTimePicker, { DateTimePickerAndroid } from "@react-native-community/datetimepicker";
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import {
  FlatList, Platform, Pressable, StyleSheet, Switch as RNSwitch,
  Text as RNText, TextInput, useColorScheme, View,
} from "react-native";
import { Ctx, fetchSource, read, run, Action, Target, write } from "./actions";
import { d, useKeys } from "./store";
import { m, str } from "./value";

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

// Pull to refresh: a list fed by a REST source registers that source with its screen, whose
// scroll view (the one that scrolls: a list inside it does not) reloads them when pulled.
const RefreshContext = createContext<(source: string) => () => void>(() => () => undefined);

export function useRefresh(source: string | undefined): void {
  const register = useContext(RefreshContext);
  useEffect(() => (source === undefined ? undefined : register(source)), [register, source]);
}

const noKeys: readonly string[] = [];

// A screen's body scrolls as a FlatList of its top-level components, all of them always
// mounted (initialNumToRender): a list inside is then a VirtualizedList nested in one of the
// same orientation, which React Native supports (it windows the list's rows by the screen's
// scroll), where a FlatList inside a plain ScrollView warns and renders every row.
export function Body(p: { children: React.ReactNode }) {
  const colors = useColors();
  const [sources, setSources] = useState<string[]>([]);
  const register = useCallback((source: string) => {
    setSources((list) => [...list, source]);
    return () => setSources((list) => {
      const at = list.indexOf(source);
      return at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
    });
  }, []);
  const names = useMemo(() => [...new Set(sources)], [sources]);
  const keys = useMemo(() => (names.length ? names.map((n) => "data." + n) : noKeys), [names]);
  useKeys(keys);
  const children = React.Children.toArray(p.children);
  const refreshing = names.some((n) => m(d(n), "loading") === true);
  const onRefresh = () => names.forEach((n) => {
    fetchSource(noCtx, n).catch(() => undefined);
  });
  return (
    <RefreshContext.Provider value={register}>
      <FlatList data={children} renderItem={({ item }) => <>{item}</>}
                keyExtractor={(child, index) => (React.isValidElement(child) && child.key !== null ? String(child.key) : String(index))}
                initialNumToRender={children.length} keyboardShouldPersistTaps="handled"
                refreshing={names.length ? refreshing : undefined}
                onRefresh={names.length ? onRefresh : undefined}
                contentContainerStyle={{ padding: colors.spacing * 2, gap: colors.spacing }} />
    </RefreshContext.Provider>
  );
}

export function Label(p: { text?: string }) {
  const colors = useColors();
  return p.text ? <RNText style={[styles.label, { color: colors.text }]}>{p.text}</RNText> : null;
}

// A muted line of text (an empty list's or table's message).
export function Muted(p: { text: string }) {
  const colors = useColors();
  return <RNText style={[styles.muted, { color: colors.text }]}>{p.text}</RNText>;
}

// The keyboard and autofill each text kind asks for ("integer" is a number input whose bind
// holds integers: no decimal separator).
const keyboards: Record<string, Partial<React.ComponentProps<typeof TextInput>>> = {
  number: { keyboardType: "decimal-pad" },
  integer: { keyboardType: "number-pad" },
  email: { keyboardType: "email-address", autoCapitalize: "none", autoCorrect: false, autoComplete: "email" },
  url: { keyboardType: "url", autoCapitalize: "none", autoCorrect: false, autoComplete: "url" },
  password: { secureTextEntry: true, autoCapitalize: "none", autoComplete: "current-password" },
};

export function Input(p: Base & { bind: Target; label?: string; kind: string; placeholder?: string;
                                  rows?: number; onChange?: Action[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  if (p.kind === "date") return <DateInput {...p} />;
  const value = read(p.bind);
  const numeric = p.kind === "number" || p.kind === "integer";
  const rows = p.rows ?? 1;
  return (
    <View style={styles.field}>
      <Label text={p.label} />
      <TextInput testID={p.testID} accessibilityLabel={p.label ?? p.placeholder}
                 value={value === null ? "" : str(value)} placeholder={p.placeholder}
                 {...keyboards[p.kind]} multiline={rows > 1} numberOfLines={rows}
                 onChangeText={(text) => write(p.bind, numeric ? (text === "" ? null : Number(text)) : text)}
                 onEndEditing={() => p.onChange && fire(p.onChange, { form: null, event: read(p.bind) })}
                 style={[styles.input, { borderColor: colors.text + "55", borderRadius: colors.radius, color: colors.text }]} />
    </View>
  );
}

// "2026-12-01" for a date: the ISO day the web target stores, in the device's time zone.
function isoDay(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

// A date input: the platform's date picker (iOS: inline, Android: its dialog), and on the web
// export the browser's <input type="date"> (the picker package has no web implementation).
function DateInput(p: Base & { bind: Target; label?: string; placeholder?: string; onChange?: Action[] }) {
  const colors = useColors();
  const current = str(read(p.bind));
  const change = (day: string) => {
    write(p.bind, day);
    if (p.onChange) fire(p.onChange, { form: null, event: day });
  };
  const date = parseDay(current) ?? new Date();
  const text = { color: colors.text };
  let picker: React.ReactNode;
  if (Platform.OS === "web") {
    picker = <input type="date" data-testid={p.testID} aria-label={p.label ?? p.placeholder} value={current}
                    onChange={(e) => change(e.target.value)}
                    style={{ ...styles.input, borderColor: colors.text + "55", borderRadius: colors.radius, ...text }} />;
  } else if (Platform.OS === "android") {
    picker = (
      <Pressable testID={p.testID} accessibilityRole="button" accessibilityLabel={p.label ?? p.placeholder}
                 onPress={() => DateTimePickerAndroid.open({
                   value: date, mode: "date", onValueChange: (_event, picked) => change(isoDay(picked)),
                 })}
                 style={[styles.input, { borderColor: colors.text + "55", borderRadius: colors.radius }]}>
        <RNText style={text}>{current || p.placeholder || " "}</RNText>
      </Pressable>
    );
  } else {
    picker = <DateTimePicker testID={p.testID} accessibilityLabel={p.label ?? p.placeholder} value={date}
                             mode="date" display="compact" style={styles.start}
                             onValueChange={(_event, picked) => change(isoDay(picked))} />;
  }
  return (
    <View style={styles.field}>
      <Label text={p.label} />
      {picker}
    </View>
  );
}

export function Check(p: Base & { bind: Target; label?: string; onChange?: Action[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const on = !!read(p.bind);
  return (
    <View style={styles.check}>
      <RNSwitch testID={p.testID} accessibilityLabel={p.label} value={on}
                onValueChange={(v) => {
                  write(p.bind, v);
                  if (p.onChange) fire(p.onChange, { form: null, event: v });
                }} />
      {p.label ? <RNText style={{ color: colors.text }}>{p.label}</RNText> : null}
    </View>
  );
}

const alignments = {
  start: "flex-start", center: "center", end: "flex-end", stretch: "stretch", between: "center",
} as const;

export function Box(p: Base & { row: boolean; gap?: number; align: string; children: React.ReactNode }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const alignItems = alignments[p.align as keyof typeof alignments] ?? "stretch";
  return (
    <View testID={p.testID} style={[p.row ? styles.row : styles.column, { gap: p.gap ?? colors.spacing, alignItems },
                                    p.align === "between" && styles.between]}>
      {p.children}
    </View>
  );
}

const styles = StyleSheet.create({
  field: { gap: 4 },
  label: { fontWeight: "600" },
  muted: { opacity: 0.7 },
  input: { borderWidth: 1, padding: 8 },
  start: { alignSelf: "flex-start" },
  check: { flexDirection: "row", alignItems: "center", gap: 8 },
  row: { flexDirection: "row", flexWrap: "wrap" },
  column: { flexDirection: "column" },
  between: { justifyContent: "space-between" },
});
