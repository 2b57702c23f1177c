// Data sources for the appforge web runtime (shipped only to apps that have one):
// data.<source>.loading and .error, and the fetches that run at start.
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
  // Each source kind's code (appforge/kinds/sources/<name>/web.js, shipped after this file
  // to apps with such a source) registers here: fetch(sc, name, src) -> Promise, and
  // start(src, restored): whether to fetch it when the app starts.
  R.sourceKinds = Object.create(null);
  R.fetchSource = function (sc, name) {
    var src = R.app.sources[name];
    return R.sourceKinds[src.kind].fetch(sc, name, src);
  };
  R.startSources = function (root, restored) {
    Object.keys(R.app.sources).forEach(function (name) {
      var src = R.app.sources[name];
      if (R.sourceKinds[src.kind].start(src, restored)) R.fetchSource(root, name).catch(function () {});
    });
  };
})(window.AppForge);
