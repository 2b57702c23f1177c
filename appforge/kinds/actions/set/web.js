R.act.set = function (t, v) { return function (sc) { R.write(sc, t, v(sc)); }; };
