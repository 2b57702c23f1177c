// appforge mobile runtime: the app's state. A screen subscribes to the keys it reads (the
// compiler lists them) and re-renders only when one of them changes.
import AsyncStorage from "@react-native-async-storage/async-storage";
import { useSyncExternalStore } from "react";
import { fits, FieldDesc, own, TypeDesc, Value } from "./value";

export type StateDesc = { d: Value; persist?: boolean; t: TypeDesc };

const values = new Map<string, Value>();
const versions = new Map<string, number>();
const listeners = new Set<() => void>();
let config: { id: string; state: Record<string, StateDesc>; models: Record<string, FieldDesc[]> } =
  { id: "", state: {}, models: {} };

export function get(key: string): Value {
  return values.has(key) ? (values.get(key) as Value) : null;
}

function bump(key: string): void {
  versions.set(key, (versions.get(key) ?? 0) + 1);
  listeners.forEach((l) => l());
}

export function set(key: string, value: Value): void {
  values.set(key, value);
  const desc = own(config.state, key);
  if (desc && desc.persist) {
    AsyncStorage.setItem(storageKey(key), JSON.stringify(value)).catch(() => undefined);
  }
  bump("state." + key);
}

export type DataStatus = { loading: boolean; error: string | null };
const data = new Map<string, DataStatus>();

export function d(name: string): Value {
  const status = data.get(name) ?? { loading: false, error: null };
  return { loading: status.loading, error: status.error };
}

export function setData(name: string, status: DataStatus): void {
  data.set(name, status);
  bump("data." + name);
}

function storageKey(key: string): string {
  return "appforge:" + config.id + ":" + key;
}

export const restored = new Set<string>();

// Load defaults, then persisted values that still fit their type (a stale one is dropped).
export async function hydrate(c: typeof config): Promise<void> {
  config = c;
  for (const key of Object.keys(c.state)) {
    const desc = c.state[key];
    let value: Value = JSON.parse(JSON.stringify(desc.d)) as Value;
    if (desc.persist) {
      try {
        const raw = await AsyncStorage.getItem(storageKey(key));
        if (raw !== null) {
          const parsed = JSON.parse(raw) as Value;
          if (fits(parsed, desc.t, c.models)) {
            value = parsed;
            restored.add(key);
          }
        }
      } catch {
        // unreadable storage: the default
      }
    }
    values.set(key, value);
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// The screen's selector: a snapshot of the versions of the keys it reads.
export function useKeys(keys: readonly string[]): string {
  return useSyncExternalStore(subscribe, () => keys.map((k) => versions.get(k) ?? 0).join(","));
}
