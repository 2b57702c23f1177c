append: (t: Target, v: Expr): Action => (c) => {
  const cur = read(t);
  write(t, [...(Array.isArray(cur) ? cur : []), v(c)]);
},
