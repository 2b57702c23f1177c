// The `heading` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.heading = function (p, sc, props) {
  var el = h("h" + (props.level || 1), "heading", p);
  text(el, sc, props.text);
  return el;
};
