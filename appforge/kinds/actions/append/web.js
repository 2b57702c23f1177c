R.act.append = function (t, v) {
  return function (sc) { R.write(sc, t, (R.read(sc, t) || []).concat([v(sc)])); };
};
