// The `text` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, text = u.text;
  R.c.text = function (p, sc, props) {
    var el = h("p", "text text-" + (props.style || "body"), p);
    text(el, sc, props.text);
    return el;
  };
})(window.AppForge);
