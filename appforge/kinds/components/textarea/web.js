// The `textarea` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.textarea = function (p, sc, props, events) {
  var el = h("textarea", "input");
  el.rows = props.rows || 3;
  if (props.placeholder !== undefined) bindValue(sc, props.placeholder, function (v) { el.placeholder = str(v); });
  field(p, sc, props, el);
  bindInput(sc, props, events, el, function () { return el.value; },
            function (v) { el.value = str(v); }, "input");
  return el;
};
