// R.fetchSource is in templates/web/features/data.js, shipped with data sources
R.act.fetch = function (name) { return function (sc) { return R.fetchSource(sc, name); }; };
