// The `list` component's widget (appforge mobile runtime): shipped as src/components/List.tsx
// to an app that uses the component. A keyed FlatList: only a window of its rows is mounted
// (the screen's FlatList drives the window, see Screen in runtime/components.tsx); a list fed
// by a REST source reloads it when the screen is pulled down.
import React from "react";
import { FlatList, StyleSheet, View } from "react-native";
import { Base, Muted, useRefresh } from "../runtime/components";
import { Value } from "../runtime/value";

export function List(p: Base & { items: Value[]; keyOf?: (item: Value, index: number) => string;
                                 empty?: string; source?: string;
                                 renderItem: (item: Value, index: number) => React.ReactNode }) {
  useRefresh(p.source);
  if (p.visible === false) return null;
  const itemID = p.testID ? p.testID + "-item" : undefined;
  return (
    <FlatList testID={p.testID} data={p.items} keyExtractor={p.keyOf ?? byPosition}
              renderItem={({ item, index }) => <View testID={itemID}>{p.renderItem(item, index)}</View>}
              ListEmptyComponent={p.empty ? <Muted text={p.empty} /> : undefined}
              contentContainerStyle={styles.rows} />
  );
}

const byPosition = (_item: Value, index: number) => String(index);

const styles = StyleSheet.create({
  rows: { gap: 6 },
});
