R.act.navigate = function (page, params) {
  return function (sc) {
    var values = Object.create(null);
    Object.keys(params).forEach(function (k) { values[k] = params[k](sc); });
    location.hash = R.href(page, values).slice(1);
  };
};
