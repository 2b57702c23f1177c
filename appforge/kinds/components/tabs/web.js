// The `tabs` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, ...) by name. The WAI-ARIA tabs pattern: a tablist of buttons (arrow
// keys, Home and End move between them; only the selected one is in the tab order) and one
// visible tabpanel. Each child `tab` adds its button and its panel (see tab/web.js).
R.c.tabs = function (p, sc, props, events, slots) {
  var el = h("div", "tabs", p);
  var list = h("div", "tablist", el);
  list.setAttribute("role", "tablist");
  var panels = h("div", "tabpanels", el);
  var group = { list: list, buttons: [], panels: [], selected: -1 };
  panels.tabGroup = group;
  var t = props.bind || null;
  group.choose = function (i) {
    if (t) R.write(sc, t, i); else select(i);
  };
  function select(i) {
    var n = group.buttons.length;
    if (!n) return;
    i = typeof i === "number" && i >= 0 && i < n ? Math.floor(i) : 0;
    group.selected = i;
    for (var k = 0; k < n; k++) {
      var on = k === i;
      group.buttons[k].setAttribute("aria-selected", on ? "true" : "false");
      group.buttons[k].tabIndex = on ? 0 : -1;
      group.panels[k].hidden = !on;
    }
  }
  list.addEventListener("keydown", function (e) {
    var n = group.buttons.length;
    var at = group.buttons.indexOf(document.activeElement);
    if (at < 0 || !n) return;
    var to = e.key === "ArrowRight" ? (at + 1) % n : e.key === "ArrowLeft" ? (at + n - 1) % n :
      e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    group.choose(to);
    group.buttons[to].focus();
  });
  if (slots.children) slots.children(panels, sc);
  if (t) effect(sc, t.deps, function () { select(R.read(sc, t)); });
  else select(0);
  return el;
};
