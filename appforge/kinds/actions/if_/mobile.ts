if: (cond: Expr, then: Action[], otherwise: Action[]): Action => (c) =>
  run(c, cond(c) ? then : otherwise),
