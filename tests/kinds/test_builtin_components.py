"""The built-in component kinds: registered in pyproject.toml exactly as in the source tree's
table, one folder each with an implementation for both targets."""

from __future__ import annotations

import tomllib
from pathlib import Path

from appforge.kinds.component import MobileComponent, WebComponent, component_kinds
from appforge.kinds.registry import BUILTIN, COMPONENTS

ROOT = Path(__file__).parent.parent.parent

#: A spec that uses every built-in component (tests/mobile/test_plugin_component.py
#: type-checks its mobile build).
ALL_COMPONENTS = """appforge: 1
app:
  name: Everything
  id: dev.appforge.everything
models:
  Task:
    fields:
      title: {type: string, required: true}
      done: {type: boolean}
state:
  tasks: {type: list, of: Task, default: [{title: a, done: false}]}
  name: {type: string, default: ""}
  notes: {type: string, default: ""}
  on: {type: boolean, default: false}
  pick: {type: string, default: a}
pages:
  - id: home
    title: Home
    body:
      - {type: heading, text: Hi, level: 2}
      - {type: text, text: "{{ state.name }}", style: muted}
      - {type: image, src: "https://example.com/a.png", alt: A, width: 10}
      - {type: link, label: Again, to: home}
      - {type: link, label: Out, url: "https://example.com"}
      - {type: button, label: Go, disabled: "{{ state.on }}",
         on_click: [{action: set, target: state.on, value: true}]}
      - {type: input, bind: state.name, label: Name}
      - {type: textarea, bind: state.notes, rows: 4}
      - {type: checkbox, bind: state.on, label: On}
      - {type: switch, bind: state.on}
      - {type: select, bind: state.pick, options: [a, b]}
      - type: row
        children: [{type: spacer}, {type: divider}]
      - type: column
        gap: 4
        children:
          - type: card
            title: Card
            children: [{type: text, text: in}]
      - type: list
        items: "{{ state.tasks }}"
        as: t
        key: "{{ t.title }}"
        item: [{type: checkbox, bind: t.done, label: "{{ t.title }}"}]
      - type: table
        items: "{{ state.tasks }}"
        columns: [{label: Title, value: "{{ item.title }}"}]
      - {type: form, model: Task}
"""


def test_pyproject_registers_the_built_in_table() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["entry-points"][COMPONENTS] == BUILTIN[COMPONENTS]


def test_every_built_in_has_a_folder_and_both_targets() -> None:
    kinds = component_kinds()
    for name in BUILTIN[COMPONENTS]:
        kind = kinds[name]
        folder = ROOT / "appforge" / "kinds" / "components" / name
        assert (folder / "__init__.py").is_file() and (folder / "web.js").is_file()
        assert isinstance(kind.implementation("web"), WebComponent)
        assert isinstance(kind.implementation("mobile"), MobileComponent)
        assert kind.doc, name


def test_a_spec_with_every_component_builds(tmp_path: Path) -> None:
    from appforge.pipeline import build

    (tmp_path / "appforge.yaml").write_text(ALL_COMPONENTS)
    result = build(tmp_path, ["web", "mobile"], tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
