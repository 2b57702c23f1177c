// Runs inside the mobile build of tests/web/parts (copied to __tests__/ by
// tests/mobile/test_dialog_tabs.py): the dialog is a React Native Modal shown while its
// state is true, and tabs show one Tab's panel, bound to state both ways.
import { fireEvent, render, screen, waitFor } from "@testing-library/react-native";
import React from "react";
import App from "../App";

test("the dialog opens from its state and closes by its button, back or an action", async () => {
  await render(<App />);
  expect(screen.queryByTestId("really")).toBeNull();
  await fireEvent.press(await screen.findByTestId("ask"));
  expect(await screen.findByTestId("really")).toBeTruthy();
  expect(screen.getByText("Delete this habit?")).toBeTruthy();
  await fireEvent.press(screen.getByTestId("really-close"));
  await waitFor(() => expect(screen.queryByTestId("really")).toBeNull());
  expect(screen.getByText("closed 1 times")).toBeTruthy();
  await fireEvent.press(screen.getByTestId("ask"));
  await fireEvent.press(await screen.findByTestId("yes"));
  await waitFor(() => expect(screen.queryByTestId("really")).toBeNull());
});

test("tabs show the selected tab's panel, bound to the state", async () => {
  await render(<App />);
  expect(await screen.findByText("the list")).toBeTruthy();
  expect(screen.queryByText("the stats")).toBeNull();
  expect(screen.getByTestId("list-tab").props.accessibilityState).toEqual({ selected: true });
  await fireEvent.press(screen.getByTestId("stats-tab"));
  expect(await screen.findByText("the stats")).toBeTruthy();
  expect(screen.queryByText("the list")).toBeNull();
  expect(screen.getByText("tab 1")).toBeTruthy();
  // Unbound tabs keep their own choice.
  expect(screen.getByText("panel a")).toBeTruthy();
  await fireEvent.press(screen.getByTestId("b-tab"));
  expect(await screen.findByText("panel b")).toBeTruthy();
});
