// jest: AsyncStorage's own in-memory mock (the native module does not exist under node).
jest.mock("@react-native-async-storage/async-storage", () =>
  require("@react-native-async-storage/async-storage/jest/async-storage-mock"));
// Safe-area insets come from native code; the package's mock gives fixed ones.
jest.mock("react-native-safe-area-context", () =>
  require("react-native-safe-area-context/jest/mock").default);
// The tab icons: @expo/vector-icons loads its font through expo-asset, which imports an
// export-only path of react-native that jest-expo's module mapping cannot resolve; an icon
// draws nothing under jest.
jest.mock("@expo/vector-icons/Ionicons", () => ({ __esModule: true, default: () => null }));
