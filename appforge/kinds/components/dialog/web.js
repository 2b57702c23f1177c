// The `dialog` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, run, ...) by name. A native <dialog> shown with showModal(): the
// browser makes the rest of the page inert, keeps focus inside and closes it on Escape.
R.c.dialog = function (p, sc, props, events, slots) {
  var el = h("dialog", "dialog", p);
  var head = h("div", "dialog-head", el);
  if (props.title !== undefined && props.title !== null) {
    var title = h("h2", "dialog-title", head);
    title.id = nextUid("dialog-title-");
    el.setAttribute("aria-labelledby", title.id);
    text(title, sc, props.title);
  }
  var close = h("button", "dialog-close", head);
  close.type = "button";
  close.setAttribute("aria-label", "Close");
  close.textContent = "\u00d7";
  if (props.id) close.setAttribute("data-testid", props.id + "-close");
  var body = h("div", "dialog-body", el);
  if (slots.children) slots.children(body, sc);
  var t = props.open;
  function show(open) {
    if (open && !el.open) {
      // showModal() needs the element in the document: a page is built before it is shown,
      // so a dialog open from the start shows once the page is in (one try, not a loop).
      if (el.isConnected) el.showModal();
      else setTimeout(function () { if (el.isConnected && !el.open && R.read(sc, t)) el.showModal(); }, 0);
    } else if (!open && el.open) el.close();
  }
  effect(sc, t.deps, function () { show(!!R.read(sc, t)); });
  close.addEventListener("click", function () { el.close(); });
  // Escape, the close button, or the state turning false: one "close" event.
  el.addEventListener("close", function () {
    if (R.read(sc, t)) R.write(sc, t, false);
    if (events.on_close) run(sc, events.on_close).catch(function () {});
  });
  return el;
};
