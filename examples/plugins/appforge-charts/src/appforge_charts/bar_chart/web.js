// The `bar_chart` component (appforge-charts): appforge puts it inside its web runtime's
// closure, so it uses the runtime's helpers (h, text, bindValue, reconcile) by name. No inline
// style: a bar's width is set through the CSSOM, which the app's CSP allows.
R.c.bar_chart = function (p, sc, props) {
  var el = h("figure", "bar-chart", p);
  if (props.title !== undefined && props.title !== null) {
    text(h("figcaption", "bar-chart-title", el), sc, props.title);
  }
  var bars = h("div", "bar-chart-bars", el);
  reconcile(sc, bars, props, function (row, scope) {
    text(h("span", "bar-chart-label", row), scope, props.label);
    var bar = h("span", "bar-chart-bar", h("span", "bar-chart-track", row));
    var shown = h("span", "bar-chart-value", row);
    bindValue(scope, props.value, function (v) {
      var n = Number(v) || 0;
      bar.style.width = Math.max(0, Math.min(100, n / props.max * 100)) + "%";
      shown.textContent = String(n);
    });
  }, "div", null);
  return el;
};
