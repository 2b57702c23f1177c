toggle: (t: Target): Action => () => { write(t, !read(t)); },
