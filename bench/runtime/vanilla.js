"use strict";
var items = document.getElementById("items");
var rows = [];
var els = new Map();
function make(r) {
  var item = document.createElement("div"); item.className = "item";
  item.setAttribute("data-testid", "rows-item");
  var row = document.createElement("div"); row.className = "row align-center"; item.appendChild(row);
  var p = document.createElement("p"); p.className = "text text-body"; p.textContent = String(r.id); row.appendChild(p);
  var a = document.createElement("a"); a.className = "link"; a.textContent = r.label; a.setAttribute("href", "#/"); row.appendChild(a);
  var b = document.createElement("button"); b.className = "btn btn-danger"; b.type = "button"; b.textContent = "x"; row.appendChild(b);
  b.addEventListener("click", function () { window.bench.remove(r.id); });
  item._label = a;
  return item;
}
window.bench = {
  set: function (next) {  // create or replace all
    items.textContent = ""; els = new Map(); rows = next;
    var frag = document.createDocumentFragment();
    next.forEach(function (r) { var el = make(r); els.set(r.id, el); frag.appendChild(el); });
    items.appendChild(frag);
  },
  update: function (next) {  // every 10th label changed
    for (var i = 0; i < next.length; i += 10) els.get(next[i].id)._label.textContent = next[i].label;
    rows = next;
  },
  swap: function (next) {
    var a = els.get(next[1].id), b = els.get(next[998].id);
    var after = b.nextSibling;
    items.insertBefore(b, a); items.insertBefore(a, after);
    rows = next;
  },
  remove: function (id) { var el = els.get(id); el.remove(); els.delete(id); rows = rows.filter(function (r) { return r.id !== id; }); },
  clear: function () { items.textContent = ""; els = new Map(); rows = []; }
};
