// The `button` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, eq = u.eq, has = u.has, text = u.text,
    bindValue = u.bindValue, effect = u.effect, handler = u.handler, field = u.field,
    bindInput = u.bindInput, reconcile = u.reconcile, safeUrl = u.safeUrl, run = u.run,
    Scope = u.Scope, nextUid = u.nextUid, dyn = u.dyn, evalValue = u.evalValue;
  R.c.button = function (p, sc, props, events) {
    var el = h("button", "btn btn-" + (props.variant || "primary"), p);
    el.type = "button";
    text(el, sc, props.label);
    if (has.call(props, "disabled")) bindValue(sc, props.disabled, function (v) { el.disabled = !!v; });
    if (events.on_click) el.addEventListener("click", handler(sc, events.on_click));
    return el;
  };
})(window.AppForge);
