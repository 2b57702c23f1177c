// The `input` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, bindValue = u.bindValue, field = u.field,
    bindInput = u.bindInput;
  R.c.input = function (p, sc, props, events) {
    var el = h("input", "input");
    var kind = props.kind || "text";
    el.type = kind;
    if (props.placeholder !== undefined) bindValue(sc, props.placeholder, function (v) { el.placeholder = str(v); });
    field(p, sc, props, el);
    var read = kind === "number"
      ? function () { return el.value === "" ? null : Number(el.value); }
      : function () { return el.value; };
    bindInput(sc, props, events, el, read, function (v) { el.value = str(v); }, "input");
    return el;
  };
})(window.AppForge);
