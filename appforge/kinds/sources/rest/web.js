// REST data sources for the appforge web runtime (shipped only to apps that have one).
// appforge/kinds/sources/rest/: the web implementation of `kind: rest`.
// A reply is checked against the `into` state's type before it is stored; any failure sets
// data.<source>.error, runs the source's on_error and stops the action list that fetched.
(function (R) {
  "use strict";
  var u = R.u, str = u.str, safeUrl = u.safeUrl, run = u.run, set = u.set, setData = u.setData;
  function fetchRest(sc, name, src) {
    var url = safeUrl(src.url(sc), ["http", "https"]);
    setData(name, { loading: true, error: null });
    var init = { method: src.method, headers: Object.create(null) };
    Object.keys(src.headers).forEach(function (h) { init.headers[h] = str(src.headers[h](sc)); });
    if (src.body) {
      init.body = JSON.stringify(src.body(sc));
      if (!init.headers["Content-Type"]) init.headers["Content-Type"] = "application/json";
    }
    var failed = function (message) {
      setData(name, { loading: false, error: message });
      return run(sc, src.onError).then(function () { throw new Error(message); });
    };
    if (url === null) return failed("refused URL");
    return fetch(url, init).then(function (res) {
      if (!res.ok) return failed("HTTP " + res.status);
      return res.text().then(function (text) {
        var data;
        try { data = text ? JSON.parse(text) : null; } catch (err) { return failed("the reply is not JSON"); }
        src.select.forEach(function (k) { data = R.m(data, k); });
        if (src.into && !R.fits(data, src.intoType)) return failed("the reply does not fit " + src.into);
        if (src.into) set(src.into, data);
        setData(name, { loading: false, error: null });
      });
    }, function () { return failed("the server cannot be reached"); });
  }
  R.sourceKinds.rest = {
    fetch: fetchRest,
    start: function (src) { return src.auto; }
  };
})(window.AppForge);
