// appforge mobile runtime: values and the expression helpers (the same semantics as the web
// runtime: text shows numbers as JavaScript prints them, null as nothing).
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type Rec = { [key: string]: Value };

const has = Object.prototype.hasOwnProperty;

export function isRec(v: Value | undefined): v is Rec {
  return v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v);
}

export function str(v: Value | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.map(str).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return v;
}

export function num(v: Value | undefined): number {
  if (typeof v === "number") return v;
  if (v === null || v === undefined || v === "") return 0;
  const n = Number(v);
  return isNaN(n) ? 0 : n;
}

export function eq(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === "object" && typeof b === "object" && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

// Names from the spec (state keys, sources, fields, params) are plain names here, "__proto__",
// "constructor" and "toString" too: a table keyed by them is read through own(), and a record
// gets a field by definition, never by assignment (assigning "__proto__" would replace the
// record's prototype).
export function own<T>(table: Record<string, T>, k: string): T | undefined {
  return has.call(table, k) ? table[k] : undefined;
}

export function put<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

export function m(o: Value | undefined, k: string): Value {
  return isRec(o) && has.call(o, k) ? (o[k] as Value) : null;
}

// The item at a whole index inside the list, else null
export function i(l: Value | undefined, index: Value): Value {
  return Array.isArray(l) && typeof index === "number" && Math.floor(index) === index &&
    index >= 0 && index < l.length ? (l[index] as Value) : null;
}

export function add(a: Value, b: Value): Value {
  return typeof a === "string" || typeof b === "string" ? str(a) + str(b) : num(a) + num(b);
}

export function truthy(v: Value | undefined): boolean {
  return !!v;
}

export function list(v: Value | undefined): Value[] {
  return Array.isArray(v) ? v : [];
}

// The expression functions: src/runtime/functions.ts holds the ones this app calls (appforge
// writes it from its function kinds).
export { F } from "./functions";

export type TypeDesc = { k: string; of?: TypeDesc; m?: string; v?: string[] };
export type FieldDesc = {
  name: string; label: string; type: TypeDesc; required?: boolean; d?: Value;
  min?: number; max?: number; min_length?: number; max_length?: number; pattern?: string;
};

export function fits(v: Value | undefined, t: TypeDesc, models: Record<string, FieldDesc[]>,
                     depth = 0): boolean {
  if (v === null || v === undefined || t.k === "any") return true;
  if (depth > 20) return false;
  switch (t.k) {
    case "string": case "date": case "email": case "url": return typeof v === "string";
    case "enum": return typeof v === "string" && (t.v ?? []).indexOf(v) >= 0;
    case "number": return typeof v === "number" && isFinite(v);
    case "integer": return typeof v === "number" && Math.floor(v) === v;
    case "boolean": return typeof v === "boolean";
    case "list": return Array.isArray(v) && v.every((x) => fits(x, t.of ?? { k: "any" }, models, depth + 1));
    case "record": {
      if (!isRec(v)) return false;
      const fields = own(models, t.m ?? "") ?? [];
      return fields.every((f) => fits(m(v, f.name), f.type, models, depth + 1));
    }
    default: return true;
  }
}

export function safeUrl(u: Value, schemes: string[]): string | null {
  const s = str(u).trim();
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  if (!match) return s;
  return schemes.indexOf(match[1].toLowerCase()) >= 0 ? s : null;
}

// Ordering as JavaScript's < orders two values (the web runtime uses < itself): two texts by
// their UTF-16 code units (dates compare as ISO text), anything else as numbers (null is 0;
// NaN, from text that is not a number, is unordered: every comparison with it is false).
function primitive(v: Value): string | number | boolean | null {
  if (Array.isArray(v)) return v.join();
  return isRec(v) ? "[object Object]" : v;
}

export function cmp(a: Value, b: Value): number {
  const x = primitive(a);
  const y = primitive(b);
  if (typeof x === "string" && typeof y === "string") return x < y ? -1 : x > y ? 1 : 0;
  const p = Number(x);
  const q = Number(y);
  return p < q ? -1 : p > q ? 1 : p === q ? 0 : NaN;
}
