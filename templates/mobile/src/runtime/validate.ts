// appforge mobile runtime: a form field's validation (the same rules and messages as the web
// runtime's form; specs/semantics/validation.yaml holds the cases both run).
import { FieldDesc, str, Value } from "./value";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

// ---- messages: generated from appforge/kinds/messages.py by python -m appforge.spec.reference
const MESSAGES: Record<string, string> = {
  "required": "{label} is required",
  "number": "{label} must be a number",
  "integer": "{label} must be a whole number",
  "min": "{label} must be at least {n}",
  "max": "{label} must be at most {n}",
  "min_length": "{label} must be at least {n} characters",
  "max_length": "{label} must be at most {n} characters",
  "email": "{label} must be an e-mail address",
  "url": "{label} must be a web address (http or https)",
  "date": "{label} must be a date",
  "pattern": "{label} has the wrong format"
};
// ---- end of messages

// A rule's message: {n} first, so that a label holding "{n}" stays as written
function say(rule: string, f: FieldDesc, n?: Value): string {
  return (MESSAGES[rule] ?? rule).split("{n}").join(str(n)).split("{label}").join(f.label);
}

export function validate(f: FieldDesc, v: Value | undefined): string | null {
  if (v === null || v === undefined || v === "") return f.required ? say("required", f) : null;
  const k = f.type.k;
  if (k === "number" || k === "integer") {
    if (typeof v !== "number" || isNaN(v)) return say("number", f);
    if (k === "integer" && Math.floor(v) !== v) return say("integer", f);
    if (f.min != null && v < f.min) return say("min", f, f.min);
    if (f.max != null && v > f.max) return say("max", f, f.max);
  }
  if (typeof v === "string") {
    if (f.min_length != null && v.length < f.min_length) return say("min_length", f, f.min_length);
    if (f.max_length != null && v.length > f.max_length) return say("max_length", f, f.max_length);
    if (k === "email" && !EMAIL.test(v)) return say("email", f);
    if (k === "url" && !/^https?:\/\/\S+$/i.test(v)) return say("url", f);
    if (k === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return say("date", f);
    if (f.pattern) {
      // validate accepts only patterns JavaScript reads as Python does (E0015); one that does
      // not compile here is refused, never waved through.
      let ok = false;
      try { ok = new RegExp(f.pattern).test(v); } catch { ok = false; }
      if (!ok) return say("pattern", f);
    }
  }
  return null;
}
