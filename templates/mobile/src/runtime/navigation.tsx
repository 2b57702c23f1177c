// appforge mobile runtime: what the navigation shares. App.tsx builds the navigators (a root
// native stack; with app.nav, bottom tabs as its first screen, each tab a native stack of its
// page), the screens draw themselves inside <Screen>, and <Toasts> shows the `toast` action's
// messages above the tab bar. docs/decisions/0003-mobile-navigation.md says why.
import { BottomTabBarHeightContext } from "@react-navigation/bottom-tabs";
import { useFocusEffect } from "@react-navigation/native";
import React, { useCallback, useContext, useEffect, useState } from "react";
import { KeyboardAvoidingView, Platform, StyleSheet, Text, View } from "react-native";
import { SafeAreaView, useSafeAreaInsets } from "react-native-safe-area-context";
import { hooks, pendingToasts } from "./actions";
import { Body, useColors } from "./components";

// The height of the tab bar under the focused screen (0 on a screen of the root stack), for
// the toasts, which are drawn over every screen. (A screen's focus effect runs before the
// toast host's first effect, so the value is kept here, not only sent.)
let tabBarHeight = 0;
let onTabBar: ((height: number) => void) | null = null;

function reportTabBar(height: number): void {
  tabBarHeight = height;
  onTabBar?.(height);
}

export function Screen(props: { children: React.ReactNode }) {
  const colors = useColors();
  // Set inside a tab's screens only: the tab bar already keeps clear of the bottom inset.
  const tabBar = useContext(BottomTabBarHeightContext) ?? 0;
  useFocusEffect(useCallback(() => { reportTabBar(tabBar); }, [tabBar]));
  return (
    <SafeAreaView style={[styles.screen, { backgroundColor: colors.background }]}
                  edges={tabBar ? [] : ["bottom"]}>
      <KeyboardAvoidingView style={styles.fill} behavior={Platform.OS === "ios" ? "padding" : undefined}>
        <Body>{props.children}</Body>
      </KeyboardAvoidingView>
    </SafeAreaView>
  );
}

export function Toasts() {
  const insets = useSafeAreaInsets();
  const [message, setMessage] = useState<string | null>(null);
  const [tabBar, setTabBar] = useState(tabBarHeight);
  useEffect(() => {
    const show = (m: string) => {
      setMessage(m);
      setTimeout(() => setMessage((current) => (current === m ? null : current)), 3000);
    };
    hooks.toast = show;
    onTabBar = setTabBar;
    setTabBar(tabBarHeight);
    const waiting = pendingToasts.splice(0);
    if (waiting.length) show(waiting[waiting.length - 1]);
  }, []);
  if (!message) return null;
  return (
    <View accessibilityRole="alert" accessibilityLiveRegion="polite"
          style={[styles.toast, { bottom: (tabBar || insets.bottom) + 16 }]}>
      <Text style={styles.toastText}>{message}</Text>
    </View>
  );
}

// Route parameters in a URL (the linking configuration's `parse`), read as the web target
// reads them: a value that does not fit the type is left out (NaN, or undefined).
export const parseParam = {
  integer: (text: string): number => (/^-?\d+$/.test(text) ? Number(text) : NaN),
  number: (text: string): number => (text !== "" ? Number(text) : NaN),
  boolean: (text: string): boolean | undefined =>
    text === "true" ? true : text === "false" ? false : undefined,
};

const styles = StyleSheet.create({
  screen: { flex: 1 },
  fill: { flex: 1 },
  toast: {
    position: "absolute", alignSelf: "center", backgroundColor: "#111827", borderRadius: 8,
    paddingVertical: 10, paddingHorizontal: 16,
  },
  toastText: { color: "#ffffff" },
});
