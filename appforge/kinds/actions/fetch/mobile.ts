fetch: (name: string): Action => (c) => fetchSource(c, name),
