// The `link` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.link = function (p, sc, props) {
  var el = h("a", "link", p);
  text(el, sc, props.label);
  if (props.to) {
    var params = props.params || {};
    var deps = [];
    Object.keys(params).forEach(function (k) { if (dyn(params[k])) deps = deps.concat(params[k].d); });
    effect(sc, deps, function () {
      var values = Object.create(null);
      Object.keys(params).forEach(function (k) { values[k] = evalValue(sc, params[k]); });
      el.setAttribute("href", R.href(props.to, values));
    });
  } else {
    bindValue(sc, props.url, function (v) {
      var u = safeUrl(v, ["http", "https", "mailto", "tel"]);
      if (u === null) el.removeAttribute("href"); else el.setAttribute("href", u);
    });
    el.target = "_blank";
    el.rel = "noopener noreferrer";
  }
  return el;
};
