"""Generate the benchmark project: 300 page files, about 20,000 components of every kind,
about two expressions each. Shared by every benchmark (validate, build, snapshot, dev).

    python bench/generate.py OUT_DIR [--pages 300]
"""

from __future__ import annotations

import argparse
from pathlib import Path

HEADER = """appforge: 1
app:
  name: Bench
  id: dev.appforge.bench
  nav: [p000, p001]
  env:
    API_URL: {default: "https://api.example.com"}
include: [pages/*.yaml]
theme: {primary: "#4f46e5"}
models:
  Item:
    fields:
      id: {type: integer, required: true}
      title: {type: string, required: true, max_length: 80}
      done: {type: boolean, default: false}
      qty: {type: number, min: 0}
      kind: {type: enum, values: [a, b, c], default: a}
state:
  items: {type: list, of: Item, default: [], persist: true}
  draft: {type: string, default: ""}
  count: {type: integer, default: 0}
  flag: {type: boolean, default: false}
  mode: {type: enum, values: [all, open, done], default: all}
data:
  remote:
    kind: rest
    url: "{{ env.API_URL }}/items"
    select: items
    into: state.items
"""

# One block of components covering every kind; ids are made unique per page with {n}.
BLOCK = """      - {{type: heading, id: h{n}, level: 2, text: "Section {n}: {{{{ len(state.items) }}}} items"}}
      - {{type: text, id: t{n}, style: muted, text: "{{{{ state.count }}}} clicks", visible: "{{{{ state.count >= 0 }}}}"}}
      - {{type: image, id: img{n}, src: "https://example.com/{n}.png", alt: "Picture {n}", width: 32}}
      - {{type: link, id: ln{n}, label: "Next ({{{{ state.mode }}}})", to: {next}}}
      - type: button
        id: b{n}
        label: "Add {{{{ state.draft }}}}"
        disabled: "{{{{ trim(state.draft) == '' }}}}"
        on_click:
          - {{action: append, target: state.items, value: {{id: "{{{{ len(state.items) + 1 }}}}", title: "{{{{ trim(state.draft) }}}}"}}}}
          - {{action: set, target: state.count, value: "{{{{ state.count + 1 }}}}"}}
      - {{type: input, id: in{n}, label: "Draft {n}", bind: state.draft, placeholder: "{{{{ upper('type here') }}}}"}}
      - {{type: textarea, id: ta{n}, label: Notes, bind: state.draft, rows: 2}}
      - {{type: checkbox, id: cb{n}, label: "Flag {{{{ state.flag }}}}", bind: state.flag}}
      - {{type: switch, id: sw{n}, label: Switch, bind: state.flag, visible: "{{{{ not state.flag or state.count > 2 }}}}"}}
      - {{type: select, id: se{n}, label: Mode, bind: state.mode}}
      - type: row
        id: r{n}
        gap: 8
        children:
          - {{type: text, text: "{{{{ state.mode == 'all' }}}}"}}
          - {{type: spacer}}
          - {{type: text, text: "{{{{ round(sum(state.items, 'qty'), 1) }}}}"}}
      - type: column
        id: col{n}
        children:
          - {{type: divider}}
          - {{type: text, text: "{{{{ join(where(state.items, 'done', true), ', ') }}}}"}}
      - type: card
        id: card{n}
        title: "Card {{{{ len(state.items) }}}}"
        children:
          - type: list
            id: l{n}
            items: "{{{{ where(state.items, 'kind', 'a') }}}}"
            as: it
            key: "{{{{ it.id }}}}"
            empty: Nothing here
            item:
              - {{type: checkbox, id: done, label: "{{{{ it.title }}}}", bind: it.done}}
              - {{type: text, text: "{{{{ it.qty * 2 }}}} ({{{{ it.kind }}}})"}}
      - type: table
        id: tb{n}
        items: "{{{{ state.items }}}}"
        as: row
        empty: No rows
        columns:
          - {{label: Title, value: "{{{{ row.title }}}}"}}
          - {{label: Qty, value: "{{{{ row.qty }}}}"}}
      - type: form
        id: f{n}
        model: Item
        fields: [title, qty, kind]
        submit_label: "Save {n}"
        on_submit:
          - {{action: append, target: state.items, value: "{{{{ form.values }}}}"}}
          - {{action: toast, message: "Saved {{{{ form.values.title }}}}"}}
"""
BLOCKS_PER_PAGE = 3  # 3 x 22 components ~= 66 per page; x 300 pages ~= 20,000


def generate(out: Path, pages: int = 300) -> Path:
    """Write the benchmark project into ``out`` and return it."""
    (out / "pages").mkdir(parents=True, exist_ok=True)
    (out / "appforge.yaml").write_text(HEADER, encoding="utf-8")
    for i in range(pages):
        page_id = f"p{i:03d}"
        nxt = f"p{(i + 1) % pages:03d}"
        body = "".join(BLOCK.format(n=f"{i}x{b}", next=nxt) for b in range(BLOCKS_PER_PAGE))
        text = (f"pages:\n  - id: {page_id}\n    path: /{page_id}\n"
                f"    title: \"Page {i} ({{{{ len(state.items) }}}})\"\n    body:\n{body}")
        (out / "pages" / f"{page_id}.yaml").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    generate(args.out, args.pages)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
