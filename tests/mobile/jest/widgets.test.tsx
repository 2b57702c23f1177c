// Runs inside the generated widgets app (tests/mobile/jest/widgets/appforge.yaml): the native
// widgets a user touches, checked with @testing-library/react-native.
import { fireEvent, render, screen, waitFor } from "@testing-library/react-native";
import React from "react";
import { TextInput } from "react-native";
import App from "../App";

// React Native's jest mock of ScrollView leaves out the context the real one gives its content,
// by which a FlatList inside it warns "VirtualizedLists should never be nested inside plain
// ScrollViews": given back here, so the test below sees that warning where a device would.
jest.mock("react-native/Libraries/Components/ScrollView/ScrollView", () => {
  const mockReact = jest.requireActual("react");
  const Mocked = jest.requireActual("@react-native/jest-preset/jest/mocks/ScrollView").default;
  class WithContext extends Mocked {
    render() {
      return mockReact.createElement(Mocked.Context.Provider, { value: { horizontal: !!this.props.horizontal } },
                                     super.render());
    }
  }
  return { __esModule: true, default: WithContext };
});

const rows = Array.from({ length: 1000 }, (_, n) => ({ id: n + 1, name: "Row " + (n + 1) }));
let fetched = 0;

beforeEach(() => {
  fetched = 0;
  global.fetch = jest.fn(async () => {
    fetched += 1;
    return { ok: true, status: 200, text: async () => JSON.stringify(rows) };
  }) as unknown as typeof fetch;
});

test("a 1,000-item list renders a window of its rows, with no nested-list warning", async () => {
  const logged = [jest.spyOn(console, "error"), jest.spyOn(console, "warn")];
  await render(<App />);
  expect(await screen.findByText("Row 1 (0)")).toBeTruthy();
  const shown = screen.getAllByTestId("rows-item");
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThan(100);
  expect(screen.queryByText("Row 1000 (999)")).toBeNull();
  const messages = logged.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(" ")));
  expect(messages.filter((m) => m.includes("VirtualizedLists should never be nested"))).toEqual([]);
  logged.forEach((spy) => spy.mockRestore());
});

test("pulling the screen down reloads the list's REST source", async () => {
  await render(<App />);
  await screen.findByText("Row 1 (0)");
  expect(fetched).toBe(1);
  // The scroll view that holds the list (the screen's: a nested list does not scroll itself).
  let scroll = screen.getByTestId("rows").parent;
  while (scroll && scroll.props.onRefresh === undefined) scroll = scroll.parent;
  if (!scroll) throw new Error("no scroll view with pull to refresh holds the list");
  expect(scroll.props.refreshing).toBe(false);
  await fireEvent(scroll, "refresh");
  await waitFor(() => expect(fetched).toBe(2));
  expect(await screen.findByText("Row 1 (0)")).toBeTruthy();
});

test("the select is a native picker whose choice keeps the option's number", async () => {
  await render(<App />);
  const picker = await screen.findByTestId("size");
  expect(picker.props.items.map((i: { label: string }) => i.label)).toEqual(["Small", "Medium", "Large"]);
  expect(picker.props.selectedIndex).toBe(1);
  await fireEvent(picker, "change", { nativeEvent: { newValue: "2", newIndex: 2 } });
  // size is a number: 3 + 1 is 4 (text would give "31")
  expect(await screen.findByText("size 4")).toBeTruthy();
});

test("a date input is the platform's date picker and stores the ISO day", async () => {
  await render(<App />);
  const picker = await screen.findByTestId("day");
  expect(picker.type).toBe("RNDateTimePicker");
  expect(picker.props.mode).toBe("date");
  await fireEvent(picker, "change", { nativeEvent: { timestamp: new Date(2026, 11, 24).getTime() } });
  expect(await screen.findByText("day 2026-12-24")).toBeTruthy();
});

test("number and e-mail inputs ask for their keyboards", async () => {
  await render(<App />);
  const input = async (id: string) => {
    const el = await screen.findByTestId(id);
    expect(el.type).toBe(TextInput.displayName ?? "TextInput");
    return el.props;
  };
  expect((await input("price")).keyboardType).toBe("decimal-pad");
  expect((await input("count")).keyboardType).toBe("number-pad");
  const email = await input("email");
  expect(email.keyboardType).toBe("email-address");
  expect(email.autoCapitalize).toBe("none");
  expect(email.autoComplete).toBe("email");
});
