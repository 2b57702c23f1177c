// The functions of the spec language's expressions (app.js calls them as F.<name>). Each one
// is a block that starts with its "// fn: <name>" line: the target ships only the blocks an
// app's expressions call, so this file is cut there and must keep that shape.
// The target puts them inside runtime.js's closure, in a block of their own: they use the
// runtime's helpers (str, num, eq) by name.
{
  var F = R.fn, m = R.m;
  // fn: len
  F.len = function (x) { return x === null || x === undefined ? 0 : x.length; };
  // fn: upper
  F.upper = function (s) { return str(s).toUpperCase(); };
  // fn: lower
  F.lower = function (s) { return str(s).toLowerCase(); };
  // fn: trim
  F.trim = function (s) { return str(s).trim(); };
  // fn: str
  F.str = str;
  // fn: number
  F.number = num;
  // fn: round
  F.round = function (x, d) {
    var f = Math.pow(10, d || 0);
    return Math.round(num(x) * f) / f;
  };
  // fn: contains
  F.contains = function (c, x) {
    if (Array.isArray(c)) return c.some(function (y) { return eq(y, x); });
    return str(c).indexOf(str(x)) >= 0;
  };
  // fn: join
  F.join = function (l, sep) { return (l || []).map(str).join(sep === undefined ? ", " : str(sep)); };
  // fn: sum
  F.sum = function (l, f) {
    return (l || []).reduce(function (t, r) { return t + num(f === undefined ? r : m(r, f)); }, 0);
  };
  // fn: where
  F.where = function (l, f, v) { return (l || []).filter(function (r) { return eq(m(r, f), v); }); };
  // fn: now
  F.now = function () { return new Date().toISOString(); };
  // fn: today
  F.today = function () {
    var d = new Date();
    var p = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  };
  // fn: end
}
