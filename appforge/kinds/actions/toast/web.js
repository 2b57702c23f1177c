// The live region is there from the start, so that screen readers announce each toast.
var toastBox = null;
onStart.push(function (body) {
  toastBox = h("div", "toasts", body);
  toastBox.setAttribute("role", "status");
  toastBox.setAttribute("aria-live", "polite");
});
R.act.toast = function (m) { return function (sc) { toast(str(m(sc))); }; };
function toast(message) {
  var item = h("div", "toast");
  item.textContent = message;
  toastBox.appendChild(item);
  setTimeout(function () { item.remove(); }, 3000);
}
