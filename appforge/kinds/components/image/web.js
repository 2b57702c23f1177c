// The `image` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.image = function (p, sc, props) {
  var el = h("img", "image", p);
  bindValue(sc, props.src, function (v) {
    var u = safeUrl(v, ["http", "https"]);
    if (u === null) el.removeAttribute("src"); else el.setAttribute("src", u);
  });
  bindValue(sc, props.alt, function (v) { el.setAttribute("alt", str(v)); });
  if (props.width) el.width = props.width;
  if (props.height) el.height = props.height;
  return el;
};
