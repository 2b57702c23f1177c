"""Field patterns are untrusted (issue 11, items 11 and 22): validate never hangs on one, and a
pattern means the same in the web app, the Expo app and the compiler's default check, or it
is a located error with the portable spelling as a hint."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from appforge.checker.patterns import PatternError, compile_pattern
from appforge.pipeline import check_project

SPEC = """appforge: 1
app: {name: T, id: com.example.t}
models:
  Item:
    fields:
      code: {type: string, pattern: %s, default: %s}
state:
  items: {type: list, of: Item, default: []}
pages:
  - id: home
    body:
      - {type: form, model: Item, on_submit: [{action: append, target: state.items, value: "{{ form.values }}"}]}
      - {type: text, text: "{{ len(state.items) }}"}
"""
PATTERN_COLUMN = 38  # where the pattern's text starts on line 6


def _check(tmp_path: Path, pattern: str, default: str) -> list[tuple[str, str, str]]:
    # Single-quoted YAML holds a pattern exactly as it reads, so columns are exact too.
    quoted = "'" + pattern.replace("'", "''") + "'"
    (tmp_path / "appforge.yaml").write_text(SPEC % (quoted, json.dumps(default, ensure_ascii=False)))
    started = time.perf_counter()
    result = check_project(tmp_path)
    assert time.perf_counter() - started < 2, "validate must not take long on any pattern"
    return [(d.code, f"{d.span.line}:{d.span.column}", d.message)
            for d in result.diagnostics if d.is_error]


EVIL = ["^(a+)+$", "(a|aa)+$", "(a*)*b", "(.*a){20}", "^(\\w+\\s?)*$", "^([a-z]+\\.?)*$",
        "(x+x+)+y", "^(a|a)*$", "((ab)*)+c", "^(\\d+)*$", "(?:a{1,5}){1,5}$"]


@pytest.mark.parametrize("pattern", EVIL)
@pytest.mark.parametrize("default", ["a" * 40 + "!", "x" * 5_000 + "!", ""])
def test_catastrophic_patterns_are_refused_fast_and_located(tmp_path: Path, pattern: str,
                                                            default: str) -> None:
    errors = _check(tmp_path, pattern, default)
    assert [(c, w[:2]) for c, w, _ in errors] == [("E0015", "6:")]
    assert "exponential time" in errors[0][2]
    assert int(errors[0][1].split(":")[1]) >= PATTERN_COLUMN


@pytest.mark.parametrize("pattern", ["^(?=.*\\d).{8,}$", "^[a-z]+[a-z0-9]*@$",
                                     "^\\s*x\\s*y$", "^(?=.*a)(?=.*b)(?=.*c).*$"])
def test_accepted_patterns_check_long_defaults_in_linear_time(tmp_path: Path,
                                                              pattern: str) -> None:
    errors = _check(tmp_path, pattern, "a" * 9_000 + " !")
    assert [c for c, _, _ in errors] == ["E0304"]


@pytest.mark.parametrize("pattern", ["^\\d*\\d*\\d*\\d*x$", "^[a-z]+[a-z]*[a-z]*@$",
                                     "^\\s*\\s*\\s*x$", "\\d+\\d+", "^.*.*.*=",
                                     "\\w+\\d*x", "^a{2,}a{3,}a*$"])
def test_chains_of_overlapping_repetitions_are_refused(tmp_path: Path, pattern: str) -> None:
    errors = _check(tmp_path, pattern, "a" * 9_000 + " !")
    assert [c for c, _, _ in errors] == ["E0015"] and "power" in errors[0][2]


# (pattern, offset of the problem in the pattern, a word of the hint)
NOT_PORTABLE = [
    ("\\A(?P<d>[0-9]{3})\\Z", 0, "^"),
    ("^(?P<d>[0-9]{3})$", 1, "(?:...)"),
    ("^[0-9]{3}\\Z", 9, "$"),
    ("^(?P=d)$", 1, "(?:...)"),
    ("(?i)abc", 0, "[Aa]"),
    ("^a(?i:b)$", 2, "[Aa]"),
    ("a*+b", 2, "possessive"),
    ("a++", 2, "possessive"),
    ("(?>ab)", 0, "(?:...)"),
    ("(?<=a)b", 0, "lookbehind"),
    ("(?<!a)b", 0, "lookbehind"),
    ("(?<name>a)", 0, "(?:...)"),
    ("(?#comment)a", 0, "comment"),
    ("\\cJ", 0, "\\x"),
    ("\\p{L}+", 0, "class"),
    ("(a)\\1", 3, "backreferences"),
    ("a{,3}", 1, "{0,3}"),
    ("[]a]", 0, "\\]"),
    ("[^]", 0, "\\]"),
    ("[[a]]", 1, "\\["),
    ("[a&&b]", 2, "escape"),
    ("[x||y]", 2, "escape"),
    ("a{", 1, "\\{"),
    ("a}", 1, "\\}"),
    ("x]", 1, "\\]"),
    ("😀+", 0, "two characters"),
    ("\\Qa.b\\E", 0, "escape"),
]


@pytest.mark.parametrize(("pattern", "offset", "hint"), NOT_PORTABLE)
def test_patterns_that_mean_different_things_are_located_errors(
        tmp_path: Path, pattern: str, offset: int, hint: str) -> None:
    with pytest.raises(PatternError) as info:
        compile_pattern(pattern)
    assert info.value.start == offset
    assert hint in f"{info.value.message} {info.value.hint}"
    errors = _check(tmp_path, pattern, "")
    assert [(c, w) for c, w, _ in errors] == [("E0015", f"6:{PATTERN_COLUMN + offset}")]


@pytest.mark.parametrize("pattern", ["(", "a)", "[a-", "\\", "x{2,1}", "[z-a]", "\\x4", "*a",
                                     "a**", "(?=a)*", "a{1001}", "((((((((((((((((((((((((("
                                     "((((((((((a))))))))))))))))))))))))))))))))))"])
def test_invalid_patterns_are_located_errors(tmp_path: Path, pattern: str) -> None:
    errors = _check(tmp_path, pattern, "")
    assert [c for c, _, _ in errors] == ["E0015"]


PORTABLE = ["^[0-9]{3}$", "^\\d{3}-\\d{4}$", "^[A-Z][a-z]*$", "\\bfoo\\b", "^.$", "a|b|c",
            "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", "^(?=.*\\d)(?=.*[a-z]).{8,}$", "^(?!x)",
            "^\\w+$", "^\\s*$", "^[\\-+]?\\d+(?:\\.\\d+)?$", "colou?r", "^(ab|cd){2}$",
            "^\\x41\\u00e9$", "^[\\b]$", "a{2,}b{0,3}", "^(?:a|b)+$", "é+", "^\\/\\.$", "^$"]
TEXTS = ["", "123", "1234", "123\n", "\n123", "abc", "ABC", "a foo b", "afoo", "😀", "é", "é",
         "x@y.com", "a b@c.de", "passw0rd", "password", "x", "ab", "abab", "abcd", "-1.5", "+2",
         "color", "colour", "A\u00e9", "\b", "aab", "aaaaabbb", "٣٣٣", "\u00a0", " \t",
         "\u2028", "_", "/.", "a\r", "\ufeff"]


def test_defaults_match_as_javascript_does() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = ("const [ps, ts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(ps.map(p => ts.map(t => new RegExp(p).test(t)))));")
    proc = subprocess.run([node, "-e", script], input=json.dumps([PORTABLE, TEXTS]),
                          capture_output=True, text=True, check=True, timeout=60)
    expected = json.loads(proc.stdout)
    ours = [[compile_pattern(p).search(t) for t in TEXTS] for p in PORTABLE]
    differences = [(p, t, e) for p, row, erow in zip(PORTABLE, ours, expected, strict=True)
                   for t, o, e in zip(TEXTS, row, erow, strict=True) if o != e]
    assert differences == []


def test_every_accepted_pattern_compiles_in_javascript() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = ("const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "for (const p of ps) new RegExp(p);")
    subprocess.run([node, "-e", script], input=json.dumps(PORTABLE), text=True, check=True,
                   timeout=60)


@pytest.mark.parametrize(("pattern", "default", "ok"), [
    ("^[0-9]{3}$", "123", True), ("^[0-9]{3}$", "123\n", False), ("^[0-9]{3}$", "١٢٣", False),
    ("^\\w+$", "héllo", False), ("^.$", "😀", False), ("^\\s$", "\u00a0", True)])
def test_default_checks_use_the_javascript_meaning(tmp_path: Path, pattern: str, default: str,
                                                   ok: bool) -> None:
    errors = _check(tmp_path, pattern, default)
    assert [c for c, _, _ in errors] == ([] if ok else ["E0304"])


def test_a_default_too_long_to_check_is_reported_not_matched(tmp_path: Path) -> None:
    errors = _check(tmp_path, "^[a-z]*$", "a" * 20_000)
    assert [c for c, _, m in errors] == ["E0304"] and "at most" in errors[0][2]
