// The `column` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, eq = u.eq, has = u.has, text = u.text,
    bindValue = u.bindValue, effect = u.effect, handler = u.handler, field = u.field,
    bindInput = u.bindInput, reconcile = u.reconcile, safeUrl = u.safeUrl, run = u.run,
    Scope = u.Scope, nextUid = u.nextUid, dyn = u.dyn, evalValue = u.evalValue;
  function box(cls) {
    return function (p, sc, props, events, slots) {
      var el = h("div", cls + " align-" + (props.align || "stretch"), p);
      if (props.gap !== undefined && props.gap !== null) el.style.gap = props.gap + "px";
      if (slots.children) slots.children(el, sc);
      return el;
    };
  }
  R.c.column = box("column");
})(window.AppForge);
