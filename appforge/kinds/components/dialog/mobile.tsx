// The `dialog` component's widget (appforge mobile runtime): shipped as src/components/Dialog.tsx
// to an app that uses the component. React Native's Modal: native on iOS and Android (the back
// gesture closes it), a modal layer on the web export.
import React from "react";
import { Modal, Pressable, StyleSheet, Text as RNText, View } from "react-native";
import { Action, read, Target, write } from "../runtime/actions";
import { Base, fire, useColors } from "../runtime/components";

export function Dialog(p: Base & { open: Target; title?: string; onClose?: Action[];
                                   children: React.ReactNode }) {
  const colors = useColors();
  if (p.visible === false) return null;
  const close = () => {
    write(p.open, false);
    if (p.onClose) fire(p.onClose);
  };
  return (
    <Modal visible={read(p.open) === true} transparent animationType="fade" onRequestClose={close}>
      <View style={styles.backdrop}>
        <View testID={p.testID} accessibilityViewIsModal aria-modal
              style={[styles.panel, { backgroundColor: colors.surface, borderRadius: colors.radius }]}>
          <View style={styles.head}>
            {p.title ? (
              <RNText accessibilityRole="header" style={[styles.title, { color: colors.text }]}>
                {p.title}
              </RNText>
            ) : null}
            <Pressable testID={p.testID ? p.testID + "-close" : undefined} accessibilityRole="button"
                       accessibilityLabel="Close" onPress={close} style={styles.close}>
              <RNText style={[styles.closeText, { color: colors.text }]}>{"\u00d7"}</RNText>
            </Pressable>
          </View>
          <View style={[styles.body, { gap: colors.spacing }]}>{p.children}</View>
        </View>
      </View>
    </Modal>
  );
}

const styles = StyleSheet.create({
  backdrop: { flex: 1, justifyContent: "center", alignItems: "center", padding: 16,
              backgroundColor: "rgba(0, 0, 0, 0.45)" },
  panel: { width: "100%", maxWidth: 512, padding: 16 },
  head: { flexDirection: "row", alignItems: "center", gap: 8 },
  title: { flex: 1, fontSize: 18, fontWeight: "700" },
  close: { marginLeft: "auto", minWidth: 44, minHeight: 44, alignItems: "center",
           justifyContent: "center" },
  closeText: { fontSize: 24, lineHeight: 26 },
  body: { paddingTop: 8 },
});
