R.act["if"] = function (c, then, otherwise) {
  return function (sc) { return run(sc, c(sc) ? then : otherwise); };
};
