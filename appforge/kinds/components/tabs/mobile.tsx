// The `tabs` component's widget (appforge mobile runtime): shipped as src/components/Tabs.tsx
// to an app that uses the component. A row of tab buttons (each child Tab's label) over the
// selected Tab's panel; the choice is the bound integer, or the widget's own.
import React, { useState } from "react";
import { Pressable, ScrollView, StyleSheet, Text as RNText, View } from "react-native";
import { read, Target, write } from "../runtime/actions";
import { Base, useColors } from "../runtime/components";
import { num } from "../runtime/value";
import { Tab } from "./Tab";

type TabElement = React.ReactElement<React.ComponentProps<typeof Tab>>;

export function Tabs(p: Base & { bind?: Target; children: React.ReactNode }) {
  const colors = useColors();
  const [own, setOwn] = useState(0);
  if (p.visible === false) return null;
  const tabs = React.Children.toArray(p.children).filter(
    (child): child is TabElement => React.isValidElement(child) && child.type === Tab);
  const wanted = p.bind ? Math.floor(num(read(p.bind))) : own;
  const selected = wanted >= 0 && wanted < tabs.length ? wanted : 0;
  const choose = (i: number) => (p.bind ? write(p.bind, i) : setOwn(i));
  return (
    <View testID={p.testID} style={styles.tabs}>
      <ScrollView horizontal accessibilityRole="tablist" showsHorizontalScrollIndicator={false}
                  contentContainerStyle={[styles.list, { borderColor: colors.text + "26" }]}>
        {tabs.map((tab, i) => {
          const on = i === selected;
          return (
            <Pressable key={i} accessibilityRole="tab" accessibilityState={{ selected: on }}
                       aria-selected={on} onPress={() => choose(i)}
                       testID={tab.props.testID ? tab.props.testID + "-tab" : undefined}
                       style={[styles.button, { borderBottomColor: on ? colors.primary : "transparent" }]}>
              <RNText style={{ color: on ? colors.primary : colors.text,
                               fontWeight: on ? "600" : "400" }}>{tab.props.label}</RNText>
            </Pressable>
          );
        })}
      </ScrollView>
      {tabs[selected] ?? null}
    </View>
  );
}

const styles = StyleSheet.create({
  tabs: { gap: 8 },
  list: { flexDirection: "row", gap: 4, borderBottomWidth: 1 },
  button: { minHeight: 44, justifyContent: "center", paddingHorizontal: 12, borderBottomWidth: 3 },
});
