// The `button` component of the appforge web runtime.
(function (R) {
  "use strict";
  var u = R.u, h = u.h, has = u.has, text = u.text, bindValue = u.bindValue, handler = u.handler;
  R.c.button = function (p, sc, props, events) {
    var el = h("button", "btn btn-" + (props.variant || "primary"), p);
    el.type = "button";
    text(el, sc, props.label);
    if (has.call(props, "disabled")) bindValue(sc, props.disabled, function (v) { el.disabled = !!v; });
    if (events.on_click) el.addEventListener("click", handler(sc, events.on_click));
    return el;
  };
})(window.AppForge);
