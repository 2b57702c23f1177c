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

export type RestSource = {
  kind: "rest"; url: Expr; method: string; headers: Record<string, Expr>; body: Expr | null;
  select: string[]; into: string | null; intoType: TypeDesc | null; auto: boolean;
  onError: Action[];
};
export type StaticSource = { kind: "static"; value: Value; into: string | null };
export type Source = RestSource | StaticSource;

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

export async function fetchSource(c: Ctx, name: string): Promise<void> {
  const src = own(hooks.sources, name);
  if (src === undefined) return;
  if (src.kind === "static") {
    if (src.into) set(src.into, src.value);
    return;
  }
  const failed = async (message: string): Promise<never> => {
    setData(name, { loading: false, error: message });
    await run(c, src.onError);
    throw new Error(message);
  };
  const url = safeUrl(src.url(c), ["http", "https"]);
  if (url === null) return failed("refused URL");
  setData(name, { loading: true, error: null });
  const headers: Record<string, string> = {};
  Object.keys(src.headers).forEach((h) => { put(headers, h, str(src.headers[h](c))); });
  const init: RequestInit = { method: src.method, headers };
  if (src.body) {
    init.body = JSON.stringify(src.body(c));
    if (!headers["Content-Type"]) headers["Content-Type"] = "application/json";
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    return failed("the server cannot be reached");
  }
  if (!res.ok) return failed("HTTP " + res.status);
  let reply: Value;
  try {
    const text = await res.text();
    reply = text ? (JSON.parse(text) as Value) : null;
  } catch {
    return failed("the reply is not JSON");
  }
  for (const key of src.select) reply = m(reply, key);
  if (src.into && src.intoType && !fits(reply, src.intoType, hooks.models)) {
    return failed("the reply does not fit " + src.into);
  }
  if (src.into) set(src.into, reply);
  setData(name, { loading: false, error: null });
}

export function startSources(): void {
  const c: Ctx = { form: null, event: null };
  Object.keys(hooks.sources).forEach((name) => {
    const src = hooks.sources[name];
    if (src.kind === "static" && src.into && restored.has(src.into)) return;
    if (src.kind === "static" || src.auto) fetchSource(c, name).catch(() => undefined);
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
