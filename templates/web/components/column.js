// The `column` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h;
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
