// The `select` component's widget (appforge mobile runtime): shipped as src/components/Select.tsx
// to an app that uses the component. The platform's picker (a <select> on the web export); an
// option's position is the picker's value, so the bound value keeps its type (a number stays a
// number).
import { Picker } from "@react-native-picker/picker";
import { StyleSheet, View } from "react-native";
import { read, Target, write } from "../runtime/actions";
import { Base, Label, useColors } from "../runtime/components";
import { eq, isRec, str, Value } from "../runtime/value";

export function Select(p: Base & { bind: Target; label?: string; options: Value[] }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const options = p.options.map((o) => (isRec(o) ? { label: str(o.label), value: o.value ?? null }
                                                 : { label: str(o), value: o }));
  const current = read(p.bind);
  const selected = options.findIndex((o) => eq(o.value, current));
  return (
    <View style={styles.field}>
      <Label text={p.label} />
      <Picker testID={p.testID} accessibilityLabel={p.label} selectedValue={String(selected)}
              onValueChange={(position) => {
                const option = options[Number(position)];
                if (option !== undefined) write(p.bind, option.value);
              }}
              style={{ color: colors.text }} dropdownIconColor={colors.text}>
        {selected < 0 ? <Picker.Item label="" value="-1" /> : null}
        {options.map((o, n) => <Picker.Item key={n} label={o.label} value={String(n)} color={colors.text} />)}
      </Picker>
    </View>
  );
}

const styles = StyleSheet.create({
  field: { gap: 4 },
});
