// The `list` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.list = function (p, sc, props, events, slots) {
  var el = h("div", "list", p);
  var empty = null;
  if (props.empty !== undefined && props.empty !== null) {
    empty = h("p", "text text-muted empty", el);
    text(empty, sc, props.empty);
  }
  var body = h("div", "list-items", el);
  reconcile(sc, body, props, slots.item || function () {}, "div", null);
  if (empty) {
    effect(sc, props.items.d, function () { empty.hidden = (props.items.f(sc) || []).length > 0; });
  }
  return el;
};
