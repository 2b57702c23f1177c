// The `spacer` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, eq = u.eq, has = u.has, text = u.text,
    bindValue = u.bindValue, effect = u.effect, handler = u.handler, field = u.field,
    bindInput = u.bindInput, reconcile = u.reconcile, safeUrl = u.safeUrl, run = u.run,
    Scope = u.Scope, nextUid = u.nextUid, dyn = u.dyn, evalValue = u.evalValue;
  R.c.spacer = function (p) { return h("div", "spacer", p); };

  // A throwaway scope to compute an item's key before the item exists.
})(window.AppForge);
