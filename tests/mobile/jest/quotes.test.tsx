// Runs inside the generated quotes app: a REST source fills the list, and tapping a quote opens
// the detail screen with its `index` navigation parameter.
import { fireEvent, render, screen } from "@testing-library/react-native";
import React from "react";
import App from "../App";

const reply = { quotes: [{ id: 1, quote: "Less is more", author: "Mies" },
                         { id: 7, quote: "Stay hungry", author: "Jobs" }] };

beforeEach(() => {
  global.fetch = jest.fn(async () => ({ ok: true, status: 200,
                                        text: async () => JSON.stringify(reply) })) as unknown as typeof fetch;
});

test("navigation passes the page parameter to the detail screen", async () => {
  await render(<App />);
  const links = await screen.findAllByTestId("quote-link");
  expect(links).toHaveLength(2);
  await fireEvent.press(links[1]);
  expect(await screen.findByText("Stay hungry")).toBeTruthy();
  expect(screen.getByText("JOBS")).toBeTruthy();
});
