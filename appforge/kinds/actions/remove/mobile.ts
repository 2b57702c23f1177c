remove: (t: Target, v: Expr): Action => (c) => {
  const item = v(c);
  const cur = read(t);
  const items = Array.isArray(cur) ? cur : [];
  let at = items.indexOf(item);
  if (at < 0) at = items.findIndex((x) => JSON.stringify(x) === JSON.stringify(item));
  if (at >= 0) write(t, [...items.slice(0, at), ...items.slice(at + 1)]);
},
