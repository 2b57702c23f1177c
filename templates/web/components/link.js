// The `link` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, eq = u.eq, has = u.has, text = u.text,
    bindValue = u.bindValue, effect = u.effect, handler = u.handler, field = u.field,
    bindInput = u.bindInput, reconcile = u.reconcile, safeUrl = u.safeUrl, run = u.run,
    Scope = u.Scope, nextUid = u.nextUid, dyn = u.dyn, evalValue = u.evalValue;
  R.c.link = function (p, sc, props) {
    var el = h("a", "link", p);
    text(el, sc, props.label);
    if (props.to) {
      var params = props.params || {};
      var deps = [];
      Object.keys(params).forEach(function (k) { if (dyn(params[k])) deps = deps.concat(params[k].d); });
      effect(sc, deps, function () {
        var values = {};
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
})(window.AppForge);
