navigate: (page: string, params: Record<string, Expr>): Action => (c) => {
  const values: Rec = {};
  Object.keys(params).forEach((k) => { put(values, k, params[k](c)); });
  hooks.navigate(page, values);
},
