// The `text` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.text = function (p, sc, props) {
  var el = h("p", "text text-" + (props.style || "body"), p);
  text(el, sc, props.text);
  return el;
};
