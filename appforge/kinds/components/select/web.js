// The `select` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.select = function (p, sc, props, events) {
  var el = h("select", "input");
  field(p, sc, props, el);
  var values = [];
  var t = props.bind;
  bindValue(sc, props.options, function (opts) {
    el.textContent = "";
    values = [];
    (opts || []).forEach(function (o) {
      var isPair = o !== null && typeof o === "object" && has.call(o, "value");
      var value = isPair ? o.value : o;
      var option = h("option", "", el);
      option.value = String(values.length);
      option.textContent = str(isPair ? o.label : o);
      values.push(value);
    });
    var cur = R.read(sc, t);
    var at = values.findIndex(function (v) { return eq(v, cur); });
    el.value = String(at >= 0 ? at : 0);
  });
  bindInput(sc, props, events, el, function () { return values[Number(el.value)]; },
            function (v) {
              var at = values.findIndex(function (x) { return eq(x, v); });
              if (at >= 0) el.value = String(at);
            }, "change");
  return el;
};
