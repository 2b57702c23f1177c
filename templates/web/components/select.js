// The `select` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, str = u.str, eq = u.eq, has = u.has, bindValue = u.bindValue,
    field = u.field, bindInput = u.bindInput;
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
})(window.AppForge);
