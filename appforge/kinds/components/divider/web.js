// The `divider` component of the appforge web runtime: the target puts it inside
// runtime.js's closure (in a block of its own), so it uses the runtime's helpers
// (h, text, effect, bindValue, ...) by name.
R.c.divider = function (p) { return h("hr", "divider", p); };
