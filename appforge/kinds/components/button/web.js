// The `button` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.button = function (p, sc, props, events) {
  var el = h("button", "btn btn-" + (props.variant || "primary"), p);
  el.type = "button";
  text(el, sc, props.label);
  if (has.call(props, "disabled")) bindValue(sc, props.disabled, function (v) { el.disabled = !!v; });
  if (events.on_click) el.addEventListener("click", handler(sc, events.on_click));
  return el;
};
