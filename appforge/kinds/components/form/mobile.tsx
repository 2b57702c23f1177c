// The `form` component's widget (appforge mobile runtime): shipped as src/components/Form.tsx
// to an app that uses the component.
import React, { useState } from "react";
import { Pressable, Switch as RNSwitch, Text as RNText, TextInput, View } from "react-native";
import { Action, hooks, run } from "../runtime/actions";
import { Base, Label, useColors } from "../runtime/components";
import { validate } from "../runtime/validate";
import { m, own, put, str, Value } from "../runtime/value";

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
