// Static data sources for the appforge web runtime (shipped only to apps that have one):
// appforge/kinds/sources/static/, the web implementation of `kind: static`.
(function (R) {
  "use strict";
  R.sourceKinds["static"] = {
    fetch: function (sc, name, src) {
      if (src.into) R.u.set(src.into, src.value);
      return Promise.resolve();
    },
    // Static data seeds its state; a persisted state restored from storage is kept.
    start: function (src, restored) { return !(src.into && restored[src.into]); }
  };
})(window.AppForge);
