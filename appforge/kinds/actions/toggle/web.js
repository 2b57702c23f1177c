R.act.toggle = function (t) { return function (sc) { R.write(sc, t, !R.read(sc, t)); }; };
