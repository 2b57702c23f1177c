// The `checkbox` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
function checkbox(p, sc, props, events, isSwitch) {
  var wrap = h("label", isSwitch ? "check switch" : "check", p);
  var el = h("input", "", wrap);
  el.type = "checkbox";
  if (isSwitch) el.setAttribute("role", "switch");
  var span = h("span", "", wrap);
  if (props.label !== undefined && props.label !== null) text(span, sc, props.label);
  else unlabelled(sc, props, el);
  bindInput(sc, props, events, el, function () { return el.checked; },
            function (v) { el.checked = !!v; }, "change");
  return el;
}
R.c.checkbox = function (p, sc, props, events) { return checkbox(p, sc, props, events, false); };
