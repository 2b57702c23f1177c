// The `form` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
var EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
function fieldLabel(f) { return f.label; }
// ---- messages: generated from appforge/kinds/messages.py by python -m appforge.spec.reference
var MESSAGES = {
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
function say(rule, f, n) {
  return MESSAGES[rule].split("{n}").join(str(n)).split("{label}").join(fieldLabel(f));
}
function validate(f, v) {
  var empty = v === null || v === undefined || v === "";
  if (empty) return f.required ? say("required", f) : null;
  var t = f.type.k;
  if (t === "number" || t === "integer") {
    if (typeof v !== "number" || isNaN(v)) return say("number", f);
    if (t === "integer" && Math.floor(v) !== v) return say("integer", f);
    if (f.min != null && v < f.min) return say("min", f, f.min);
    if (f.max != null && v > f.max) return say("max", f, f.max);
  }
  if (typeof v === "string") {
    if (f.min_length != null && v.length < f.min_length) return say("min_length", f, f.min_length);
    if (f.max_length != null && v.length > f.max_length) return say("max_length", f, f.max_length);
    if (t === "email" && !EMAIL.test(v)) return say("email", f);
    if (t === "url" && !/^https?:\/\/\S+$/i.test(v)) return say("url", f);
    if (t === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return say("date", f);
    if (f.pattern) {
      // validate accepts only patterns JavaScript reads as Python does (E0015); one that does
      // not compile here is refused, never waved through.
      var ok = false;
      try { ok = new RegExp(f.pattern).test(v); } catch (err) { ok = false; }
      if (!ok) return say("pattern", f);
    }
  }
  return null;
}
R.validate = validate;
// Field defaults are the controls' default state (defaultValue, defaultChecked,
// defaultSelected), so the reset after a successful submit brings them back.
R.c.form = function (p, sc, props, events) {
  var form = h("form", "form", p);
  form.noValidate = true;
  var model = R.app.models[props.model] || [];
  var fields = props.fields.map(function (n) { return model.find(function (f) { return f.name === n; }); });
  var controls = Object.create(null);
  var errors = Object.create(null);
  fields.forEach(function (f) {
    var wrap = h("div", "field", form);
    var id = nextUid("f");
    var kind = f.type.k;
    var control;
    var label = h("label", "label", wrap);
    label.htmlFor = id;
    label.textContent = f.label;
    if (kind === "boolean") {
      control = h("input", "", wrap);
      control.type = "checkbox";
      control.defaultChecked = f.d === true;
      wrap.className = "field field-check";
    } else if (kind === "enum") {
      control = h("select", "input", wrap);
      if (!f.required || f.d == null) h("option", "", control).value = "";
      f.type.v.forEach(function (v) {
        var o = h("option", "", control);
        o.value = v;
        o.textContent = v;
        o.defaultSelected = v === f.d;
      });
    } else {
      control = h("input", "input", wrap);
      control.type = { number: "number", integer: "number", email: "email", url: "url", date: "date" }[kind] || "text";
      if (kind === "integer") control.step = "1";
      if (kind === "number") control.step = "any";
      if (f.d !== null && f.d !== undefined) control.defaultValue = str(f.d);
    }
    control.id = id;
    control.name = f.name;
    if (f.required) control.setAttribute("aria-required", "true");
    if (props.id) control.setAttribute("data-testid", props.id + "-" + f.name);
    var err = h("div", "field-error", wrap);
    err.id = id + "-error";
    if (props.id) err.setAttribute("data-testid", props.id + "-" + f.name + "-error");
    controls[f.name] = control;
    errors[f.name] = err;
  });
  var submit = h("button", "btn btn-primary", form);
  submit.type = "submit";
  text(submit, sc, props.submit_label);
  if (props.id) submit.setAttribute("data-testid", props.id + "-submit");
  function valueOf(f) {
    var c = controls[f.name];
    var k = f.type.k;
    if (k === "boolean") return c.checked;
    if (c.value === "") return null;
    if (k === "number" || k === "integer") return Number(c.value);
    return c.value;
  }
  // While on_submit runs (a fetch may take a while) a second submit is ignored: a double
  // click posts once. The button keeps its focus (disabling it would drop it).
  var busy = false;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (busy) return;
    var values = Object.create(null);
    var firstBad = null;
    fields.forEach(function (f) {
      var v = valueOf(f);
      var message = validate(f, v);
      var c = controls[f.name];
      errors[f.name].textContent = message || "";
      if (message) {
        c.setAttribute("aria-invalid", "true");
        c.setAttribute("aria-describedby", errors[f.name].id);
        if (!firstBad) firstBad = c;
      } else {
        c.removeAttribute("aria-invalid");
        c.removeAttribute("aria-describedby");
      }
      values[f.name] = v;
    });
    if (firstBad) { firstBad.focus(); return; }
    var child = new Scope(sc);
    child.f = values;
    busy = true;
    form.setAttribute("aria-busy", "true");
    run(child, events.on_submit || []).then(function () {
      form.reset();
    }, function () {}).then(function () {
      busy = false;
      form.removeAttribute("aria-busy");
      child.dispose();
    });
  });
  return form;
};
