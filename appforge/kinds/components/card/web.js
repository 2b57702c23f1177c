// The `card` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.card = function (p, sc, props, events, slots) {
  var el = h("section", "card", p);
  if (props.title !== undefined && props.title !== null) text(h("h3", "card-title", el), sc, props.title);
  if (slots.children) slots.children(el, sc);
  return el;
};
