"""Promise 1 (parsing is total), by property: mutate valid specs at random and assert that
checking them never raises — every outcome is a result with located diagnostics."""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
import time
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


_COPIES: dict[Path, Path] = {}


def _work_copy(folder: Path) -> Path:
    """One copy of each seed project for the whole run: an example rewrites only its entry
    file, and copying the folder per example was most of the fuzz run's time."""
    if folder not in _COPIES:
        copy_dir = Path(tempfile.mkdtemp(prefix="appforge-fuzz-"))
        shutil.copytree(folder, copy_dir, dirs_exist_ok=True)
        _COPIES[folder] = copy_dir
    return _COPIES[folder]


def _check_text(folder: Path, text: str) -> None:
    root = _work_copy(folder)
    (root / "appforge.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    _assert_total(check_project(root))


def _assert_total(result: Any) -> None:
    """The promise: a result, with an IR or with located, explained diagnostics."""
    from appforge.codes import CODES

    assert result.has_errors or result.app is not None
    for d in result.diagnostics:
        assert d.span.line >= 1 and d.span.column >= 1 and d.code in CODES and d.message


# The budget: the whole file runs in CI on every submission, on a busy 2-core machine, in
# well under 30 s; each property gets a share (deadline=None: a slow example is not a bug,
# a hang or a traceback is).
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_specs())
def test_mutated_specs_give_diagnostics_never_exceptions(case: tuple[Path, Any]) -> None:
    folder, spec = case
    _check_text(folder, yaml.safe_dump(spec, allow_unicode=True, width=10_000))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SEEDS), st.integers(0, 5000), st.text(max_size=20))
def test_raw_text_splices_give_diagnostics_never_exceptions(
        seed: tuple[Path, Any], at: int, junk: str) -> None:
    folder, data = seed
    text = yaml.safe_dump(data, allow_unicode=True)
    at = at % (len(text) + 1)
    _check_text(folder, text[:at] + junk + text[at:])


# ---- hostile input (issue 11): YAML text, expressions and paths built to hurt ---------------

HOSTILE_YAML = st.sampled_from([
    "[" * 2_000, "]" * 50, "{" * 1_500 + "}" * 1_500, "- " * 3_000, "a: &x [*x]\n", "*y",
    "&a [&b [*a]]", "\t", "\x07", "\x1b]0;t\x07", "\x00", "\ufffe", "\x85", "\u2028",
    "'", '"', "'open", '"open\n', "9" * 5_000, "0x" + "f" * 4_000, "-" + "9" * 4_400, "1e999",
    ".nan", "-.inf", "---\n", "...\n", "? ", ": ", "!!python/object/apply:os.system [x]",
    "%YAML 1.1\n", "k: v\n", "\n", "  ", "#", "{{ state.x }}", "é😀", "\ud800",
])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(HOSTILE_YAML, st.text(max_size=8)), min_size=1, max_size=12))
def test_hostile_yaml_text_ends_with_data_or_a_located_diagnostic(parts: list[str]) -> None:
    from appforge.loader import load_yaml

    text = "".join(parts)
    started = time.perf_counter()
    doc, diags = load_yaml(text, "f.yaml")
    assert time.perf_counter() - started < 5
    assert doc is not None or diags
    for d in diags:
        assert d.span.line >= 1 and d.span.column >= 1 and "<unicode string>" not in d.message


EXPR_TOKENS = st.sampled_from([
    "state.n", "state.items", "state.s", "1", "0", "1e999", "9" * 400, "2.5", "'a'", '"b"',
    "'", '"', "(", ")", "[0]", "[", "]", ".x", ".", "+", "-", "*", "/", "%", "==", "<", ">=",
    "and", "or", "not", "if", "else", "true", "null", "len(", "upper(", "sum(", "where(", ",",
    "{{", "}}", "&&", "!", "=", "é", "\u2028", "\x00", " ",
])


@st.composite
def hostile_expressions(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(EXPR_TOKENS, min_size=1, max_size=30))
    # A fragment repeated a great many times: the long chains and deep nests of item 15.
    repeat = draw(st.sampled_from([1, 1, 50, 300, 3_000]))
    head = draw(st.sampled_from(["", "state.n", "not ", "(", "-"]))
    return head + " ".join(tokens) * repeat


EXPR_SPEC = """appforge: 1
app: {name: T, id: com.example.t}
models:
  Item:
    fields:
      x: {type: integer}
state:
  n: {type: integer, default: 1}
  s: {type: string, default: ""}
  items: {type: list, of: Item, default: []}
pages:
  - id: home
    body:
      - {type: text, text: %s}
"""


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_expressions())
def test_hostile_expressions_validate_and_what_passes_builds(expression: str) -> None:
    from appforge.targets import RenderOptions, get_target

    root = _scratch()
    (root / "appforge.yaml").write_text(EXPR_SPEC % json.dumps("{{ " + expression + " }}"))
    started = time.perf_counter()
    result = check_project(root)
    _assert_total(result)
    if result.app is not None:
        for target in ("web", "mobile"):  # what validate accepts, both targets render
            assert get_target(target).render(result.app, RenderOptions())
    assert time.perf_counter() - started < 20


HOSTILE_PATHS = st.one_of(
    st.sampled_from(["..", "../x.json", "/etc/passwd", "/dev/zero", "data/\x00.json",
                     "\x00", "a\nb", "\x1b[31m", "data/" + "a" * 300, "d/" * 700 + "x",
                     "\udcff.json", "data/\udce9.json", "~/x", "C:\\x", "data/*.json",
                     "**/*", "assets/../../x.png", "./assets/a.png", ".", "", " "]),
    st.text(max_size=40),
)
PATH_SPEC = """appforge: 1
app: {name: T, id: com.example.t}
include: [%s]
state:
  rows: {type: list, of: string, default: []}
data:
  src: {kind: static, file: %s, into: state.rows}
pages:
  - id: home
    body:
      - {type: image, alt: x, src: %s}
"""


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(HOSTILE_PATHS, HOSTILE_PATHS, HOSTILE_PATHS)
def test_hostile_paths_give_located_diagnostics(include: str, file: str, src: str) -> None:
    root = _scratch()
    text = PATH_SPEC % tuple(json.dumps(p) for p in (include, file, src))
    (root / "appforge.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    _assert_total(check_project(root))


_SCRATCH: list[Path] = []


def _scratch() -> Path:
    """A project folder with a data file, an asset, a page and a FIFO, reused by examples."""
    if not _SCRATCH:
        root = Path(tempfile.mkdtemp(prefix="appforge-fuzz-"))
        (root / "data").mkdir()
        (root / "data" / "x.json").write_text('["a"]')
        (root / "assets").mkdir()
        (root / "assets" / "a.png").write_bytes(b"\x89PNG\r\n")
        (root / "p").mkdir()
        (root / "p" / "a.yaml").write_text("state: {}\n")
        if hasattr(os, "mkfifo"):
            os.mkfifo(root / "data" / "fifo.json")
        _SCRATCH.append(root)
    return _SCRATCH[0]
