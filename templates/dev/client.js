// appforge dev: live reload and the diagnostics overlay. Served only by `appforge dev`; the
// production build never contains it. Diagnostics are shown with textContent only.
(function () {
  "use strict";
  var OVERLAY_ID = "appforge-dev-overlay";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function el(tag, style, text) {
    var node = document.createElement(tag);
    // Through the CSSOM: the page's CSP forbids style attributes, not style properties.
    if (style) node.style.cssText = style;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showOverlay(diagnostics, total) {
    total = total || diagnostics.length;
    removeOverlay();
    var box = el("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,28,.94);color:#f8f8f2;font:14px/1.5 ui-monospace,monospace;" +
      "padding:24px");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("data-testid", "appforge-dev-overlay");
    box.appendChild(el("h2", "margin:0 0 16px;color:#ff6b6b;font-size:18px",
      "The spec has " + total + " error" + (total === 1 ? "" : "s") +
      " — the last good build is still served"));
    diagnostics.forEach(function (d) {
      var item = el("div", "margin:0 0 18px");
      item.appendChild(el("div", "color:#ffd166",
        d.file + ":" + d.line + ":" + d.column + ": error[" + d.code + "]: " + d.message));
      if (d.frame) {
        item.appendChild(el("pre", "margin:4px 0;color:#ddd", d.frame + "\n" +
          " ".repeat(Math.max((d.caret || d.column) - 1, 0)) + "^"));
      }
      if (d.hint) item.appendChild(el("div", "color:#8be9fd", "hint: " + d.hint));
      box.appendChild(item);
    });
    if (total > diagnostics.length) {
      box.appendChild(el("div", "color:#aaa", "… and " + (total - diagnostics.length) +
        " more in the terminal"));
    }
    document.body.appendChild(box);
  }

  var source = new EventSource("/__appforge/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (event) {
    var data = JSON.parse(event.data);
    showOverlay(data.diagnostics, data.total);
  });
  source.addEventListener("hello", function () { removeOverlay(); });
})();
