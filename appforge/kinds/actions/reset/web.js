R.act.reset = function (t, d) {
  return function (sc) { R.write(sc, t, JSON.parse(JSON.stringify(d))); };
};
