R.act.remove = function (t, v) {
  return function (sc) {
    var item = v(sc);
    var list = R.read(sc, t) || [];
    var at = list.indexOf(item);
    if (at < 0) at = list.findIndex(function (x) { return R.eq(x, item); });
    if (at >= 0) { var copy = list.slice(); copy.splice(at, 1); R.write(sc, t, copy); }
  };
};
