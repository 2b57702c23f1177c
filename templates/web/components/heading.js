// The `heading` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, text = u.text;
  R.c.heading = function (p, sc, props) {
    var el = h("h" + (props.level || 1), "heading", p);
    text(el, sc, props.text);
    return el;
  };
})(window.AppForge);
