// The `table` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.table = function (p, sc, props) {
  var wrap = h("div", "table-wrap", p);
  var table = h("table", "table", wrap);
  var head = h("tr", "", h("thead", "", table));
  props.columns.forEach(function (c) { text(h("th", "", head), sc, c.label); });
  var body = h("tbody", "", table);
  var empty = null;
  if (props.empty !== undefined && props.empty !== null) {
    empty = h("p", "text text-muted empty", wrap);
    text(empty, sc, props.empty);
    effect(sc, props.items.d, function () { empty.hidden = (props.items.f(sc) || []).length > 0; });
  }
  reconcile(sc, body, props, function (row, scope) {
    props.columns.forEach(function (c) { text(h("td", "", row), scope, c.value); });
  }, "tr", null);
  return table;
};
