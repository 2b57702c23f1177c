set: (t: Target, v: Expr): Action => (c) => { write(t, v(c)); },
