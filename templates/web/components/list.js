// The `list` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, eq = u.eq, has = u.has, text = u.text,
    bindValue = u.bindValue, effect = u.effect, handler = u.handler, field = u.field,
    bindInput = u.bindInput, reconcile = u.reconcile, safeUrl = u.safeUrl, run = u.run,
    Scope = u.Scope, nextUid = u.nextUid, dyn = u.dyn, evalValue = u.evalValue;
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
})(window.AppForge);
