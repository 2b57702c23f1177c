// Data sources for the appforge web runtime (shipped only to apps that have one):
// data.<source>.loading and .error, static sources, and the fetches that run at start.
(function (R) {
  "use strict";
  var u = R.u, set = u.set;
  var states = new Map();
  R.d = function (name) {
    if (!states.has(name)) states.set(name, { loading: false, error: null });
    return states.get(name);
  };
  // A new object per change: effects that read data.<source> see a new value.
  u.setData = function (name, patch) {
    var next = Object.create(null);
    var cur = R.d(name);
    Object.keys(cur).forEach(function (k) { next[k] = cur[k]; });
    Object.keys(patch).forEach(function (k) { next[k] = patch[k]; });
    states.set(name, next);
    u.notify("data." + name);
  };
  R.fetchSource = function (sc, name) {
    var src = R.app.sources[name];
    if (src.kind === "static") {
      if (src.into) set(src.into, src.value);
      return Promise.resolve();
    }
    // R.rest is in templates/web/features/rest.js, shipped with REST sources
    return R.rest(sc, name, src);
  };
  R.startSources = function (root, restored) {
    Object.keys(R.app.sources).forEach(function (name) {
      var src = R.app.sources[name];
      // Static data seeds its state; a persisted state restored from storage is kept.
      if (src.kind === "static" && src.into && restored[src.into]) return;
      if (src.kind === "static" || src.auto) R.fetchSource(root, name).catch(function () {});
    });
  };
})(window.AppForge);
