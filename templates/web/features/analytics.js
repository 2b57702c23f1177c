// Analytics for the appforge web runtime (shipped only when app.analytics is set): `track`
// actions and page views go to app.analytics.url with navigator.sendBeacon, nowhere else.
(function (R) {
  "use strict";
  R.beacon = function (event, props) {
    var a = R.app.analytics;
    if (!a || !navigator.sendBeacon) return;
    try {
      navigator.sendBeacon(a.url, JSON.stringify({ app: R.app.id, event: event, props: props,
                                                   page: location.hash || "#/" }));
    } catch (err) { /* analytics never breaks the app */ }
  };
})(window.AppForge);
