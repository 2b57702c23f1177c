"""A component plugin made at test time: a package folder and a ``*.dist-info`` on sys.path,
which is all ``importlib.metadata.entry_points`` needs to see it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from appforge.kinds.component import reset

#: The badge component: its folder is all there is to it (model, web, mobile).
BADGE = {
    "__init__.py": '''
"""A badge: a short, toned label."""
from pathlib import Path
from typing import Literal

from pydantic import Field

from appforge.kinds.component import ComponentKind
from appforge.spec.base import Text
from appforge.spec.components import Component


class Badge(Component):
    """A short label with a tone."""

    type: Literal["badge"]
    text: Text = Field(description="What the badge says.")
    tone: Literal["info", "warn"] = Field(default="info", description="info or warn.")


KIND = ComponentKind.from_folder(Path(__file__).parent, Badge)
''',
    "web.js": '''R.c.badge = function (p, sc, props) {
  var el = h("span", "badge badge-" + props.tone, p);
  text(el, sc, props.text);
  return el;
};
''',
    "web.css": ".badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; }\n"
               ".badge-warn { background: #fde68a; color: #111; }\n",
    # A top-level {% set %}: the node templates' light context keeps such names too.
    "mobile.jsx.jinja": '{% set tone = props.tone %}'
                        '{{ pad }}<C.Badge {{ common }} text={{ jsx(text("text")) }} '
                        'tone={{ jsx(js(tone)) }} />\n',
    "mobile.tsx": '''import { Text as RNText } from "react-native";
import { Base, useColors } from "../runtime/components";

export function Badge(p: Base & { text: string; tone: string }) {
  const colors = useColors();
  if (p.visible === false) return null;
  return (
    <RNText testID={p.testID} style={{ color: p.tone === "warn" ? colors.danger : colors.text,
                                       borderRadius: 12, paddingHorizontal: 8 }}>{p.text}</RNText>
  );
}
''',
}

#: A web-only component (no mobile files in its folder).
CHIP = {
    "__init__.py": '''
from pathlib import Path
from typing import Literal

from appforge.kinds.component import ComponentKind
from appforge.spec.base import Text
from appforge.spec.components import Component


class Chip(Component):
    """A chip."""

    type: Literal["chip"]
    text: Text


KIND = ComponentKind.from_folder(Path(__file__).parent, Chip)
''',
    "web.js": 'R.c.chip = function (p, sc, props) { var el = h("span", "chip", p); '
              'text(el, sc, props.text); return el; };\n',
}

#: The older plugin form: an entry point naming a list of bare model classes.
LEGACY = '''
from typing import Literal

from appforge.spec.base import Text
from appforge.spec.components import Component


class Stamp(Component):
    """A stamp."""

    type: Literal["stamp"]
    text: Text


COMPONENTS = [Stamp]
'''

ENTRY_POINTS = """[appforge.components]
badge = af_test_plugin.badge:KIND
chip = af_test_plugin.chip:KIND
legacy = af_test_plugin.legacy:COMPONENTS
"""


@contextmanager
def installed_plugin(root: Path) -> Iterator[Path]:
    """Make the plugin under ``root``, put it on sys.path and reload the registry; undo it
    all afterwards."""
    package = root / "af_test_plugin"
    for name, files in (("badge", BADGE), ("chip", CHIP)):
        folder = package / name
        folder.mkdir(parents=True)
        for file, text in files.items():
            (folder / file).write_text(text.lstrip("\n"), encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "legacy.py").write_text(LEGACY.lstrip("\n"), encoding="utf-8")
    info = root / "af_test_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: af-test-plugin\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    sys.path.insert(0, str(root))
    reset()
    try:
        yield root
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.split(".")[0] == "af_test_plugin"]:
            del sys.modules[name]
        reset()


CHARTS = Path(__file__).parent.parent.parent / "examples" / "plugins" / "appforge-charts"


@contextmanager
def installed_charts(root: Path) -> Iterator[Path]:
    """examples/plugins/appforge-charts installed by pip (its own pyproject, built by
    hatchling) into ``root``, which goes on sys.path while the registry is reloaded."""
    import subprocess

    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                    "-q", "--target", str(root), str(CHARTS)], check=True, timeout=300)
    sys.path.insert(0, str(root))
    reset()
    try:
        yield root
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.split(".")[0] == "appforge_charts"]:
            del sys.modules[name]
        reset()


CHARTS_SPEC = """appforge: 1
app:
  name: Charts
  id: dev.appforge.charts
models:
  Spend:
    fields:
      category: {type: string, required: true}
      amount: {type: number, required: true}
state:
  spend:
    type: list
    of: Spend
    default: [{category: Food, amount: 50}, {category: Rent, amount: 100}]
pages:
  - id: home
    title: Home
    body:
      - type: bar_chart
        id: chart
        title: Spending
        items: "{{ state.spend }}"
        as: s
        label: "{{ s.category }}"
        value: "{{ s.amount }}"
        max: 200
      - type: text
        id: share
        text: "{{ percent(sum(state.spend, 'amount'), 200) }}% of the budget"
      - type: button
        id: add
        label: Add fun
        on_click:
          - {action: append, target: state.spend, value: {category: Fun, amount: 200}}
"""
