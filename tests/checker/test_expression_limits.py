"""Expressions are untrusted input (reliability.md, "unbounded work"): whatever their shape or
length, validate ends with a located diagnostic or accepts, and what it accepts both targets
build. Chains make syntax trees as deep as they are long, and every stage after the parser
walks trees recursively, so the parser bounds the depth once (MAX_TREE_DEPTH)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appforge.checker.parser import MAX_TREE_DEPTH, ParseError, parse_expression
from appforge.pipeline import build, check_project

HEAD = """appforge: 1
app: {name: T, id: com.example.t}
models:
  Item:
    fields:
      x: {type: integer}
state:
  n: {type: integer, default: 1}
  b: {type: boolean, default: true}
  s: {type: string, default: ""}
  items: {type: list, of: Item, default: []}
pages:
  - id: home
    body:
      - {type: text, text: %s}
"""
LINE = 15  # the line of the probe text
COLUMN = 28  # where the quoted text starts


def shapes(n: int) -> dict[str, str]:
    """Expressions of ``n`` terms (or levels), in every shape that nests."""
    return {
        "plus": " + ".join(["state.n"] * n),
        "minus": " - ".join(["1"] * n),
        "times": "*".join(["2"] * n),
        "concat": "str(" + " + ".join(["'a'"] * n) + ")",
        "and": " and ".join(["state.b"] * n),
        "or": " or ".join(["state.b"] * n),
        "attr": "state.items" + "[0].x" * 1 + ".x" * n,
        "index": "state.items" + "[0]" * n,
        "not": "not " * n + "state.b",
        "neg": "-" * n + "1",
        "parens": "(" * n + "1" + ")" * n,
        "calls": "str(" * n + "1" + ")" * n,
        "conditional": "1 if state.b else " * n + "2",
        "index of sums": "state.items[" + "+".join(["0"] * n) + "].x",
    }


def _write(root: Path, expression: str) -> None:
    (root / "appforge.yaml").write_text(HEAD % json.dumps("{{ " + expression + " }}"))


@pytest.mark.parametrize("n", [MAX_TREE_DEPTH + 1, 500, 5_000, 20_000])
@pytest.mark.parametrize("shape", sorted(shapes(1)))
def test_long_or_deep_expressions_are_located_errors(tmp_path: Path, shape: str,
                                                     n: int) -> None:
    _write(tmp_path, shapes(n)[shape])
    result = check_project(tmp_path)  # a RecursionError would fail the test here
    errors = [d for d in result.diagnostics if d.is_error]
    assert result.app is None and errors
    assert all(d.span.line == LINE and d.span.column >= COLUMN for d in errors), errors
    assert {d.code for d in errors} <= {"E0200", "E0202", "E0301"}


ACCEPTED = {
    "plus": " + ".join(["state.n"] * (MAX_TREE_DEPTH - 2)),
    "and": " and ".join(["state.b"] * (MAX_TREE_DEPTH - 2)),
    "concat": "upper(" + " + ".join(["'a'"] * (MAX_TREE_DEPTH - 2)) + ")",
    "compare": "str(" + " or ".join(["state.n < 2"] * (MAX_TREE_DEPTH - 4)) + ")",
    "conditional": "'a' if state.b else " * 18 + "'b'",
    "mixed": "(" * 12 + " - ".join(["state.n"] * 40) + ")" * 12,
    "not": "not " * 18 + "state.b",
}


@pytest.mark.parametrize("shape", sorted(ACCEPTED))
def test_what_validate_accepts_both_targets_build(tmp_path: Path, shape: str) -> None:
    _write(tmp_path, ACCEPTED[shape])
    result = build(tmp_path, targets=("web", "mobile"), out=tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    assert any((tmp_path / "out" / "web").glob("app.*.js"))
    assert (tmp_path / "out" / "mobile" / "App.tsx").is_file()


@pytest.mark.parametrize("literal", ["1e999", "-1e999", "1E400", "1" + "0" * 400,
                                     "9" * 1500, "2.5e+999", "0.1e1000"])
def test_numbers_no_target_can_write_are_located_by_validate(tmp_path: Path,
                                                             literal: str) -> None:
    _write(tmp_path, f"state.n + {literal}")
    result = check_project(tmp_path)
    errors = [(d.code, d.span.line, d.message) for d in result.diagnostics if d.is_error]
    assert len(errors) == 1 and errors[0][:2] == ("E0200", LINE)
    assert "too large" in errors[0][2]
    built = build(tmp_path, targets=("web", "mobile"), out=tmp_path / "out")
    assert not built.ok and "E0900" not in [d.code for d in built.diagnostics]


@pytest.mark.parametrize("literal", ["1e308", "1.7976931348623157e308", "0.000001", "9" * 300])
def test_large_but_finite_numbers_build(tmp_path: Path, literal: str) -> None:
    _write(tmp_path, f"str(state.n + {literal})")
    assert build(tmp_path, targets=("web", "mobile"), out=tmp_path / "out").ok


@pytest.mark.parametrize("default", ["1e999", "-1e999", ".inf", ".nan", "0x" + "f" * 4000,
                                     "9" * 4400])
def test_defaults_no_target_can_write_are_located_by_validate(tmp_path: Path,
                                                              default: str) -> None:
    (tmp_path / "appforge.yaml").write_text(
        HEAD.replace("n: {type: integer, default: 1}", f"n: {{type: number, default: {default}}}")
        % '"{{ state.n }}"')
    built = build(tmp_path, targets=("web", "mobile"), out=tmp_path / "out")
    assert [(d.code, str(d.span)) for d in built.diagnostics] == [("E0013", "appforge.yaml:8:30")]


def test_the_depth_error_points_into_the_expression() -> None:
    with pytest.raises(ParseError) as info:
        parse_expression(" + ".join(["1"] * 300))
    assert 0 <= info.value.start < info.value.end <= len(" + ".join(["1"] * 300))
    assert "split it" in (info.value.hint or "")


@pytest.mark.parametrize("shape", ["plus", "index", "attr", "and"])
def test_dev_sessions_survive_a_long_chain_saved_over_a_good_spec(tmp_path: Path,
                                                                  shape: str) -> None:
    from appforge.pipeline import Session

    _write(tmp_path, "state.n")
    session = Session(tmp_path)
    assert session.check().app is not None
    _write(tmp_path, shapes(5_000)[shape])
    result = session.check()
    assert result.app is None and any(d.code == "E0200" for d in result.diagnostics)
    _write(tmp_path, "state.n + 1")
    assert session.check().app is not None


@pytest.mark.parametrize("parts", [17, 2_000, 50_000])
def test_a_text_with_many_expressions_builds_flat_for_both_targets(tmp_path: Path,
                                                                  parts: int) -> None:
    # A + chain as long as the text would be a tree thousands deep in TypeScript, which tsc
    # checks in superlinear time: long templates are joined from a flat array instead.
    text = "".join(f"{{{{ state.n }}}}-{i} " for i in range(parts))
    (tmp_path / "appforge.yaml").write_text(HEAD % json.dumps(text))
    result = build(tmp_path, targets=("web", "mobile"), out=tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics][:3]
    screen = next((tmp_path / "out" / "mobile").rglob("*.tsx"), None)
    [app_js_file] = (tmp_path / "out" / "web").glob("app.*.js")  # named by content
    app_js = app_js_file.read_text()
    assert '].join("")' in app_js
    assert screen is not None and any('].join("")' in p.read_text()
                                      for p in (tmp_path / "out" / "mobile").rglob("*.ts*"))


@pytest.mark.npm
def test_the_longest_accepted_expressions_type_check_in_the_mobile_project(tmp_path: Path) -> None:
    """What validate accepts, tsc --strict accepts: every accepted shape at its limit, and a
    text of 5,000 parts, in one generated Expo project."""
    import shutil
    import subprocess

    from tests.conftest import ROOT

    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the mobile checks need Node.js")
    proc = subprocess.run([str(ROOT / "scripts" / "install-mobile-deps")], capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    node_modules = Path(proc.stdout.strip().splitlines()[-1])
    texts = [json.dumps("{{ " + e + " }}") for e in ACCEPTED.values()]
    texts.append(json.dumps("".join(f"{{{{ state.n }}}}-{i} " for i in range(5_000))))
    spec = HEAD % texts[0] + "".join(f"      - {{type: text, text: {t}}}\n" for t in texts[1:])
    (tmp_path / "appforge.yaml").write_text(spec)
    result = build(tmp_path, targets=("mobile",), out=tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics][:3]
    mobile = tmp_path / "out" / "mobile"
    (mobile / "node_modules").symlink_to(node_modules)
    tsc = subprocess.run([str(mobile / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p",
                          str(mobile)], capture_output=True, text=True, timeout=600)
    assert tsc.returncode == 0, tsc.stdout[-3000:]
