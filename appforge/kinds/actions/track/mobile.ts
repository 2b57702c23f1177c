track: (event: string, props: Record<string, Expr>): Action => (c) => {
  const values: Rec = {};
  Object.keys(props).forEach((k) => { put(values, k, props[k](c)); });
  track(event, values);
},
