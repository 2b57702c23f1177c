// jest: AsyncStorage's own in-memory mock (the native module does not exist under node).
jest.mock("@react-native-async-storage/async-storage", () =>
  require("@react-native-async-storage/async-storage/jest/async-storage-mock"));
// Safe-area insets come from native code; the package's mock gives fixed ones.
jest.mock("react-native-safe-area-context", () =>
  require("react-native-safe-area-context/jest/mock").default);
