// Runs inside the tab app of tests/mobile/test_navigation.py (copied to __tests__/): the bottom
// tabs, each a native stack of its page, the root stack's pages and a deep link, checked with
// @testing-library/react-native.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react-native";
import React from "react";
import { Linking } from "react-native";
import App from "../App";

// Whether the element is on the screen a person sees: React Navigation keeps an unfocused tab
// mounted but hidden, and the screens of a stack below the top one hidden from accessibility.
function shown(testID: string): boolean {
  return screen.queryAllByTestId(testID).some((e) => {
    for (let node: typeof e | null = e; node; node = node.parent) {
      const style = [node.props.style].flat(Infinity);
      if (style.some((s: { display?: string } | null) => s && s.display === "none")) return false;
      if (node.props.accessibilityElementsHidden || node.props.importantForAccessibility === "no-hide-descendants"
          || node.props["aria-hidden"]) return false;
    }
    return true;
  });
}

test("a tab press shows the tab's root, and pressing the current tab keeps it", async () => {
  await render(<App />);
  await waitFor(() => expect(shown("home-text")).toBe(true));
  await fireEvent.press(screen.getByTestId("nav-about"));
  await waitFor(() => expect(shown("about-text")).toBe(true));
  expect(shown("home-text")).toBe(false);
  await fireEvent.press(screen.getByTestId("nav-about"));
  await waitFor(() => expect(shown("about-text")).toBe(true));
  await fireEvent.press(screen.getByTestId("nav-home"));
  await waitFor(() => expect(shown("home-text")).toBe(true));
  expect(shown("about-text")).toBe(false);
});

test("a link from a page pushed over the tabs to a tab's page shows that tab", async () => {
  await render(<App />);
  await fireEvent.press(await screen.findByTestId("nav-about"));
  await fireEvent.press(await screen.findByTestId("about-item"));
  expect(await screen.findByText("Item number 6")).toBeTruthy();
  await fireEvent.press(screen.getByTestId("item-home"));
  // Back on the tabs, on the home tab. (That the item page is popped rather than kept below is
  // checked on the web export: under jest the native stack renders only its top screen.)
  await waitFor(() => expect(shown("home-text")).toBe(true));
  await waitFor(() => expect(screen.queryAllByTestId("item-text")).toHaveLength(0));
});

test("a deep link opens its page, its param parsed back to a number", async () => {
  jest.spyOn(Linking, "getInitialURL").mockResolvedValue("com.example.my-shelf://items/41");
  await render(<App />);
  expect(await screen.findByText("Item number 42")).toBeTruthy();
  await act(async () => undefined);
});
