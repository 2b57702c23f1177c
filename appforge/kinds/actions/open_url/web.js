R.act.open_url = function (u) {
  return function (sc) {
    var url = safeUrl(u(sc), ["http", "https", "mailto", "tel"]);
    if (url) window.open(url, "_blank", "noopener");
  };
};
