// The `spacer` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h;
  R.c.spacer = function (p) { return h("div", "spacer", p); };

})(window.AppForge);
