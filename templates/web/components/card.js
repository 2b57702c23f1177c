// The `card` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, text = u.text;
  R.c.card = function (p, sc, props, events, slots) {
    var el = h("section", "card", p);
    if (props.title !== undefined && props.title !== null) text(h("h3", "card-title", el), sc, props.title);
    if (slots.children) slots.children(el, sc);
    return el;
  };
})(window.AppForge);
