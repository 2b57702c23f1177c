reset: (t: Target, def: Value): Action => () => { write(t, JSON.parse(JSON.stringify(def)) as Value); },
