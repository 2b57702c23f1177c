// The `tab` component of the appforge web runtime: the target puts it inside runtime.js's
// closure. Inside `tabs` it adds its button to the group's tablist and its panel to the
// panels; elsewhere it is a plain section.
R.c.tab = function (p, sc, props, events, slots) {
  var group = p.tabGroup;
  var panel = h("div", "tabpanel", p);
  if (slots.children) slots.children(panel, sc);
  if (!group) return panel;
  var index = group.buttons.length;
  var button = h("button", "tab-button", group.list);
  button.type = "button";
  button.setAttribute("role", "tab");
  button.id = nextUid("tab-");
  panel.id = button.id + "-panel";
  panel.setAttribute("role", "tabpanel");
  panel.setAttribute("aria-labelledby", button.id);
  button.setAttribute("aria-controls", panel.id);
  if (props.id) button.setAttribute("data-testid", props.id + "-tab");
  text(button, sc, props.label);
  button.addEventListener("click", function () { group.choose(index); });
  group.buttons.push(button);
  group.panels.push(panel);
  return panel;
};
