// Static data sources on mobile (appforge/kinds/sources/static/): the data seeds its state at
// start; a persisted state restored from storage is kept.
export type StaticSource = { kind: "static"; value: Value; into: string | null };
const staticSource: SourceKind<StaticSource> = {
  async fetch(_c, _name, src) {
    if (src.into) set(src.into, src.value);
  },
  start: (src) => !(src.into && restored.has(src.into)),
};
