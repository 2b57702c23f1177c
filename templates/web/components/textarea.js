// The `textarea` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, bindValue = u.bindValue, field = u.field,
    bindInput = u.bindInput;
  R.c.textarea = function (p, sc, props, events) {
    var el = h("textarea", "input");
    el.rows = props.rows || 3;
    if (props.placeholder !== undefined) bindValue(sc, props.placeholder, function (v) { el.placeholder = str(v); });
    field(p, sc, props, el);
    bindInput(sc, props, events, el, function () { return el.value; },
              function (v) { el.value = str(v); }, "input");
    return el;
  };
})(window.AppForge);
