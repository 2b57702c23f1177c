// The `input` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.input = function (p, sc, props, events) {
  var el = h("input", "input");
  var kind = props.kind || "text";
  el.type = kind;
  if (props.placeholder !== undefined) bindValue(sc, props.placeholder, function (v) { el.placeholder = str(v); });
  field(p, sc, props, el);
  var read = kind === "number"
    ? function () { return el.value === "" ? null : Number(el.value); }
    : function () { return el.value; };
  bindInput(sc, props, events, el, read, function (v) { el.value = str(v); }, "input");
  return el;
};
