// The `divider` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h;
  R.c.divider = function (p) { return h("hr", "divider", p); };
})(window.AppForge);
