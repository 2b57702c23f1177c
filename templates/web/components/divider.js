// The `divider` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, eq = u.eq, has = u.has, text = u.text,
    bindValue = u.bindValue, effect = u.effect, handler = u.handler, field = u.field,
    bindInput = u.bindInput, reconcile = u.reconcile, safeUrl = u.safeUrl, run = u.run,
    Scope = u.Scope, nextUid = u.nextUid, dyn = u.dyn, evalValue = u.evalValue;
  R.c.divider = function (p) { return h("hr", "divider", p); };
})(window.AppForge);
