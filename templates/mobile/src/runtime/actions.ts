// appforge mobile runtime: actions, run one after another; a fetch finishes before the next
// starts; a failing action stops the rest of its list (after its source's on_error).
// ---- imports of the actions
import { d, get, restored, set, setData } from "./store";
import { F, fits, isRec, m, own, put, Rec, safeUrl, str, TypeDesc, Value, FieldDesc } from "./value";

export type Ctx = { form: Value; event: Value };
export type Action = (c: Ctx) => void | Promise<void>;
export type Target =
  | { r: "state"; n: string; p: string[] }
  | { r: "loop"; rec: Value; p: string[]; l: string };
export type Expr = (c: Ctx) => Value;

type Hooks = {
  navigate: (page: string, params: Rec) => void;
  toast: (message: string) => void;
  models: Record<string, FieldDesc[]>;
  sources: Record<string, Source>;
  analytics: { url: string; page_views: boolean } | null;
  appId: string;
};
// Toasts raised before the toast host is on screen (a source failing at start-up) wait here.
export const pendingToasts: string[] = [];
export const hooks: Hooks = {
  navigate: () => undefined, toast: (message) => { pendingToasts.push(message); },
  models: {}, sources: {}, analytics: null, appId: "",
};

function getPath(v: Value, path: string[]): Value {
  return path.reduce<Value>((o, k) => m(o, k), v);
}

function setPath(v: Value, path: string[], value: Value): Value {
  if (!path.length) return value;
  const copy: Rec = isRec(v) ? { ...v } : {};
  put(copy, path[0], setPath(m(v, path[0]), path.slice(1), value));
  return copy;
}

export function read(t: Target): Value {
  return getPath(t.r === "state" ? get(t.n) : t.rec, t.p);
}

export function write(t: Target, value: Value): void {
  if (t.r === "state") {
    set(t.n, setPath(get(t.n), t.p, value));
    return;
  }
  const current = get(t.l);
  const items = Array.isArray(current) ? current : [];
  const at = items.indexOf(t.rec);
  if (at < 0) return;
  const copy = items.slice();
  copy[at] = setPath(t.rec, t.p, value);
  set(t.l, copy);
}

export async function run(c: Ctx, actions: Action[]): Promise<void> {
  for (const action of actions) {
    await action(c);
  }
}

// A data source kind's code (appforge/kinds/sources/<name>/mobile.ts, shipped only to apps
// with such a source): how to fetch it, and whether to fetch it when the app starts.
export type SourceKind<S> = {
  fetch(c: Ctx, name: string, src: S): Promise<void>;
  start(src: S): boolean;
};
// ---- sources: each kind's code

export async function fetchSource(c: Ctx, name: string): Promise<void> {
  const src = own(hooks.sources, name);
  if (src === undefined) return;
  const kind = own(sourceKinds, src.kind);
  if (kind !== undefined) await kind.fetch(c, name, src);
}

export function startSources(): void {
  const c: Ctx = { form: null, event: null };
  Object.keys(hooks.sources).forEach((name) => {
    const src = hooks.sources[name];
    const kind = own(sourceKinds, src.kind);
    if (kind !== undefined && kind.start(src)) fetchSource(c, name).catch(() => undefined);
  });
}

function track(event: string, props: Rec): void {
  const a = hooks.analytics;
  if (!a) return;
  fetch(a.url, { method: "POST", headers: { "Content-Type": "application/json" },
                 body: JSON.stringify({ app: hooks.appId, event, props }) })
    .catch(() => undefined);
}
export const trackPage = (page: string): void => {
  if (hooks.analytics && hooks.analytics.page_views) track("page_view", { page });
};

// Each action ships only to the apps that use it: its kind's mobile.ts
// (appforge/kinds/actions/<name>/), put here by the mobile target.
export const A = {
// ---- actions: each kind's code
};

export { F, d };
