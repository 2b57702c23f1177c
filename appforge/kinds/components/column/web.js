// The `column` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
function box(cls) {
  return function (p, sc, props, events, slots) {
    var el = h("div", cls + " align-" + (props.align || "stretch"), p);
    if (props.gap !== undefined && props.gap !== null) el.style.gap = props.gap + "px";
    if (slots.children) slots.children(el, sc);
    return el;
  };
}
R.c.column = box("column");
