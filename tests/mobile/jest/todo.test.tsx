// Runs inside the generated to-do app (copied to __tests__/ by tests/mobile/test_jest.py):
// what only the native build does, checked with @testing-library/react-native.
import AsyncStorage from "@react-native-async-storage/async-storage";
import { fireEvent, render, screen, waitFor } from "@testing-library/react-native";
import React from "react";
import App from "../App";

test("a new task is kept in AsyncStorage under the app's key", async () => {
  await render(<App />);
  await fireEvent.changeText(await screen.findByTestId("new-task"), "Buy milk");
  await fireEvent.press(screen.getByTestId("add"));
  await waitFor(() => expect(screen.getByText("1 open of 1")).toBeTruthy());
  await waitFor(async () => {
    const stored = await AsyncStorage.getItem("appforge:com.example.tasks:tasks");
    expect(JSON.parse(stored ?? "null")).toEqual([{ title: "Buy milk", done: false }]);
  });
});

test("a stored value that no longer fits its type is dropped for the default", async () => {
  await AsyncStorage.setItem("appforge:com.example.tasks:tasks", JSON.stringify([{ title: 42 }]));
  await render(<App />);
  expect(await screen.findByText("0 open of 0")).toBeTruthy();
});
