// The `list` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, text = u.text, effect = u.effect, reconcile = u.reconcile;
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
