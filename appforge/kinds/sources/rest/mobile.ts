// REST data sources on mobile (appforge/kinds/sources/rest/): a reply is checked against the
// `into` state's type before it is stored; a failure sets data.<source>.error, runs the
// source's on_error and stops the action list that fetched.
export type RestSource = {
  kind: "rest"; url: Expr; method: string; headers: Record<string, Expr>; body: Expr | null;
  select: string[]; into: string | null; intoType: TypeDesc | null; auto: boolean;
  onError: Action[];
};
const restSource: SourceKind<RestSource> = {
  async fetch(c, name, src) {
    const failed = async (message: string): Promise<never> => {
      setData(name, { loading: false, error: message });
      await run(c, src.onError);
      throw new Error(message);
    };
    const url = safeUrl(src.url(c), ["http", "https"]);
    if (url === null) return failed("refused URL");
    setData(name, { loading: true, error: null });
    const headers: Record<string, string> = {};
    Object.keys(src.headers).forEach((h) => { put(headers, h, str(src.headers[h](c))); });
    const init: RequestInit = { method: src.method, headers };
    if (src.body) {
      init.body = JSON.stringify(src.body(c));
      if (!headers["Content-Type"]) headers["Content-Type"] = "application/json";
    }
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch {
      return failed("the server cannot be reached");
    }
    if (!res.ok) return failed("HTTP " + res.status);
    let reply: Value;
    try {
      const text = await res.text();
      reply = text ? (JSON.parse(text) as Value) : null;
    } catch {
      return failed("the reply is not JSON");
    }
    for (const key of src.select) reply = m(reply, key);
    if (src.into && src.intoType && !fits(reply, src.intoType, hooks.models)) {
      return failed("the reply does not fit " + src.into);
    }
    if (src.into) set(src.into, reply);
    setData(name, { loading: false, error: null });
  },
  start: (src) => src.auto,
};
