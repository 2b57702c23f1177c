toast: (msg: Expr): Action => (c) => { hooks.toast(str(msg(c))); },
