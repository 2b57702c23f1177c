// appforge dev: live reload and the diagnostics overlay. Served only by `appforge dev`; the
// production build never contains it.
//
// Spec text is data: every message, file name and source line is set with textContent, never
// innerHTML, and the only attribute that takes a value from the server is a link's href, which
// must have an editor's scheme (never javascript:, data: or the like). Styles are set through
// the CSSOM (element.style), which the page's CSP (style-src 'self') allows, unlike style
// attributes or <style> elements; each starts with `all:initial` so that the app's own CSS
// cannot reach into the overlay.
(function () {
  "use strict";
  var OVERLAY_ID = "appforge-dev-overlay";
  var BADGE_ID = "appforge-dev-badge";
  var MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace";
  var BASE = "all:initial;box-sizing:border-box;font-family:" + MONO + ";";
  var last = null; // the newest diagnostics, kept to reopen a dismissed overlay

  function el(tag, style, text, testid) {
    var node = document.createElement(tag);
    node.style.cssText = BASE + (style || "");
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (testid) node.setAttribute("data-testid", testid);
    return node;
  }

  function removeById(id) {
    var old = document.getElementById(id);
    if (old) old.remove();
  }

  function clear() {
    removeById(OVERLAY_ID);
    removeById(BADGE_ID);
    document.removeEventListener("keydown", onKey, true);
  }

  function safeHref(href) {
    if (typeof href !== "string" || !/^[a-z][a-z0-9+.\-]*:/i.test(href)) return null;
    return /^(javascript|data|vbscript|blob|file):/i.test(href.replace(/\s/g, "")) ? null : href;
  }

  function onKey(event) {
    if (event.key === "Escape" && document.getElementById(OVERLAY_ID)) {
      event.stopPropagation();
      dismiss();
    }
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function frame(d) {
    // The line above, the line and the line below, numbered, with a caret under the span.
    // Each row is a flex line as wide as its text; the line numbers stay in view (sticky)
    // when a long line is scrolled sideways.
    var lines = d.lines || [];
    if (!lines.length) return null;
    var width = String(lines[lines.length - 1].number).length;
    var pre = el("pre", "display:block;margin:8px 0 0;padding:10px 12px 10px 0;" +
      "background:#0b0b10;border-radius:6px;overflow-x:auto;max-width:100%;white-space:pre;" +
      "font-size:12.5px;line-height:1.55;color:#c9c9d4;tab-size:4", null, "appforge-dev-frame");
    function row(gutter, gutterColour, text, colour, testid) {
      var line = el("span", "display:flex;width:max-content;min-width:100%;white-space:pre;" +
        "font-size:inherit;color:" + colour);
      line.appendChild(el("span", "flex:none;position:sticky;left:0;padding-left:12px;" +
        "background:#0b0b10;white-space:pre;font-size:inherit;color:" + gutterColour, gutter,
        "appforge-dev-gutter"));
      line.appendChild(el("span", "white-space:pre;font-size:inherit;color:inherit", text,
        testid));
      return line;
    }
    lines.forEach(function (line) {
      var mark = line.number === d.line;
      var number = String(line.number);
      while (number.length < width) number = " " + number;
      pre.appendChild(row((mark ? ">" : " ") + number + " | ", mark ? "#ff8f8f" : "#5c5c6c",
        line.text, mark ? "#f4f4f8" : "#8d8d9c"));
      if (mark) {
        var pad = "", gutter = "";
        for (var i = 0; i < Math.max((d.caret || d.column) - 1, 0); i++) pad += " ";
        for (var k = 0; k < width + 4; k++) gutter += " ";
        var carets = "";
        for (var j = 0; j < Math.max(d.length || 1, 1); j++) carets += "^";
        var under = row(gutter, "#5c5c6c", "", d.severity === "warning" ? "#ffd166" : "#ff6b6b");
        var text = under.lastChild;
        text.appendChild(el("span", "white-space:pre;font-size:inherit", pad));
        text.appendChild(el("span", "white-space:pre;font-size:inherit;color:inherit", carets,
          "appforge-dev-caret"));
        pre.appendChild(under);
      }
    });
    return pre;
  }

  function item(d) {
    var warning = d.severity === "warning";
    var box = el("section", "display:block;margin:0 0 14px;padding:12px 14px;background:#1f1f2a;" +
      "border-radius:8px;border-left:4px solid " + (warning ? "#ffd166" : "#ff6b6b") + ";" +
      "color:#f4f4f8;font-size:13px;line-height:1.5", null, "appforge-dev-diagnostic");
    var head = el("div", "display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;" +
      "font-size:13px");
    head.appendChild(el("span", "font-weight:700;font-size:12px;color:" +
      (warning ? "#ffd166" : "#ff8f8f"), (warning ? "warning" : "error") + "[" + d.code + "]"));
    var where = d.file + ":" + d.line + ":" + d.column;
    var href = safeHref(d.href);
    var place;
    if (href) {
      place = el("a", "font-size:12px;color:#8be9fd;text-decoration:underline;cursor:pointer;" +
        "overflow-wrap:anywhere", where, "appforge-dev-open");
      place.href = href;
      place.title = "Open in your editor";
    } else {
      place = el("span", "font-size:12px;color:#8be9fd;overflow-wrap:anywhere", where,
        "appforge-dev-place");
    }
    head.appendChild(place);
    box.appendChild(head);
    box.appendChild(el("div", "display:block;margin-top:4px;font-size:14px;font-weight:600;" +
      "color:#f4f4f8;white-space:pre-wrap;overflow-wrap:anywhere", d.message,
      "appforge-dev-message"));
    var code = frame(d);
    if (code) box.appendChild(code);
    (d.related || []).forEach(function (r) {
      box.appendChild(el("div", "display:block;margin-top:6px;font-size:12.5px;color:#b7b7c6;" +
        "white-space:pre-wrap;overflow-wrap:anywhere", "note: " + r.where + ": " + r.message));
    });
    if (d.hint) {
      box.appendChild(el("div", "display:block;margin-top:8px;font-size:13px;color:#a6e3a1;" +
        "white-space:pre-wrap;overflow-wrap:anywhere", "hint: " + d.hint, "appforge-dev-hint"));
    }
    return box;
  }

  function showOverlay(data) {
    last = data;
    clear();
    var diagnostics = data.diagnostics || [];
    var total = data.total || diagnostics.length;
    var box = el("div", "position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483647;" +
      "display:block;overflow-y:auto;overflow-x:hidden;background:#14141b;color:#f4f4f8;" +
      "padding:16px;font-size:13px;line-height:1.5;-webkit-text-size-adjust:100%");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    box.setAttribute("data-testid", "appforge-dev-overlay");
    var inner = el("div", "display:block;max-width:960px;margin:0 auto");
    var bar = el("div", "display:flex;align-items:flex-start;gap:12px;margin:0 0 14px");
    var title = el("h2", "display:block;flex:1;margin:0;font-size:16px;font-weight:700;" +
      "line-height:1.35;color:#ff8f8f;overflow-wrap:anywhere",
      "The spec has " + plural(total, "error") +
      (data.warnings ? " and " + plural(data.warnings, "warning") : ""));
    title.id = OVERLAY_ID + "-title";
    bar.appendChild(title);
    var close = el("button", "display:inline-block;flex:none;width:36px;height:36px;" +
      "border-radius:8px;border:1px solid #3a3a4a;background:#22222d;color:#f4f4f8;" +
      "font-size:20px;line-height:1;cursor:pointer;text-align:center",
      "\u00d7", "appforge-dev-overlay-close");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss (Esc)");
    close.title = "Dismiss (Esc)";
    close.addEventListener("click", dismiss);
    bar.appendChild(close);
    inner.appendChild(bar);
    inner.appendChild(el("p", "display:block;margin:0 0 14px;font-size:12.5px;color:#9d9dad",
      "The last good build is still served. Fix and save: this closes by itself."));
    diagnostics.forEach(function (d) { inner.appendChild(item(d)); });
    var shown = diagnostics.filter(function (d) { return d.severity !== "warning"; }).length;
    if (total > shown) {
      inner.appendChild(el("p", "display:block;margin:0;color:#9d9dad;font-size:12.5px",
        "\u2026 and " + (total - shown) + " more in the terminal"));
    }
    box.appendChild(inner);
    document.body.appendChild(box);
    // A narrow screen shows part of a long line: scroll each frame to its caret.
    Array.prototype.forEach.call(box.querySelectorAll("[data-testid=appforge-dev-caret]"),
      function (caret) {
        var pre = caret.closest("pre");
        var gutter = caret.parentNode.previousSibling.offsetWidth;
        var left = caret.getBoundingClientRect().left - pre.getBoundingClientRect().left;
        if (left + caret.offsetWidth > pre.clientWidth - 12) {
          pre.scrollLeft = Math.max(left - gutter - (pre.clientWidth - gutter) / 3, 0);
        }
      });
    document.addEventListener("keydown", onKey, true);
    close.focus({ preventScroll: true });
  }

  function dismiss() {
    // The overlay goes; a small badge stays, to bring it back while the errors remain.
    var total = last ? (last.total || (last.diagnostics || []).length) : 0;
    clear();
    if (!total) return;
    var badge = el("button", "position:fixed;right:12px;bottom:12px;z-index:2147483647;" +
      "display:inline-block;padding:8px 12px;border-radius:999px;border:0;" +
      "background:#b3261e;color:#ffffff;font-size:13px;font-weight:700;cursor:pointer;" +
      "box-shadow:0 2px 10px rgba(0,0,0,.35)", plural(total, "error"), BADGE_ID);
    badge.id = BADGE_ID;
    badge.type = "button";
    badge.title = "Show the errors";
    badge.addEventListener("click", function () { if (last) showOverlay(last); });
    document.body.appendChild(badge);
  }

  var source = new EventSource("/__appforge/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (event) {
    showOverlay(JSON.parse(event.data));
  });
  source.addEventListener("hello", function () { last = null; clear(); });
})();
