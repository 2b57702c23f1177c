"""Promise 1 (parsing is total), by property: mutate valid specs at random and assert that
checking them never raises — every outcome is a result with located diagnostics."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appforge.pipeline import check_project

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared" / "examples"
# (project folder, its entry file's data): included files come along, so mutations of the
# entry file reach the checker instead of stopping at a missing include.
SEED_DIRS = sorted(p.parent for p in (ROOT / "examples").glob("*/appforge.yaml")) + \
    (sorted(p.parent for p in SHARED.glob("*/appforge.yaml")) if SHARED.is_dir() else [])
SEEDS = [(d, yaml.safe_load((d / "appforge.yaml").read_text())) for d in SEED_DIRS]
SCALARS = st.one_of(
    st.text(max_size=30), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.booleans(), st.none(),
    st.sampled_from(["{{", "}}", "{{ state.x }}", "{{ len(", "{{ a if b }}", "{{ ''' }}",
                     "</script>", "${x}", "{% raw %}", "\u2028", "\x00", "state.tasks",
                     "{{ state.tasks[0].title.x }}", "{{ where(state.a, 1, 2) }}"]),
)
KEYS = st.sampled_from(["type", "id", "text", "label", "bind", "items", "as", "value", "target",
                        "action", "kind", "children", "item", "body", "pages", "state", "app",
                        "models", "fields", "of", "values", "default", "params", "path", "x"])


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


@st.composite
def mutated_specs(draw: st.DrawFn) -> Any:
    folder, seed = draw(st.sampled_from(SEEDS))
    spec = copy.deepcopy(seed)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(spec)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["delete", "rename", "retype", "splice", "nest", "add"]))
        if not path:
            continue
        parent, key = _get(spec, path[:-1]), path[-1]
        if op == "delete":
            del parent[key]
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(KEYS)] = parent.pop(key)
        elif op == "retype":
            parent[key] = draw(st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                                         st.dictionaries(KEYS, SCALARS, max_size=3)))
        elif op == "splice" and isinstance(parent[key], str):
            text = parent[key]
            at = draw(st.integers(0, len(text)))
            parent[key] = text[:at] + draw(st.text(max_size=10)) + text[at:]
        elif op == "nest":
            value: Any = parent[key]
            for _ in range(draw(st.integers(1, 80))):
                value = draw(st.sampled_from([[value], {"children": [value]}]))
            parent[key] = value
        elif op == "add" and isinstance(parent, dict):
            parent[draw(KEYS)] = draw(SCALARS)
    return folder, spec


def _check_text(folder: Path, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(folder, tmp, dirs_exist_ok=True)
        (Path(tmp) / "appforge.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        result = check_project(tmp)
        assert result.has_errors or result.app is not None
        for d in result.diagnostics:
            assert d.span.line >= 1 and d.span.column >= 1 and d.code and d.message


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_specs())
def test_mutated_specs_give_diagnostics_never_exceptions(case: tuple[Path, Any]) -> None:
    folder, spec = case
    _check_text(folder, yaml.safe_dump(spec, allow_unicode=True, width=10_000))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SEEDS), st.integers(0, 5000), st.text(max_size=20))
def test_raw_text_splices_give_diagnostics_never_exceptions(
        seed: tuple[Path, Any], at: int, junk: str) -> None:
    folder, data = seed
    text = yaml.safe_dump(data, allow_unicode=True)
    at = at % (len(text) + 1)
    _check_text(folder, text[:at] + junk + text[at:])
