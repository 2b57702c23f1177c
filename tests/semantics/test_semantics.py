"""One semantics, three implementations: every case of specs/semantics/*.yaml gives the same
answer in the checker's constant folding (Python), the web runtime (JavaScript in node) and
the mobile runtime (its TypeScript type-checked by tsc --strict, then run under jest, as the
generated project's own tests run).

Each runtime runs all the cases in one process; a case's variables are loop variables of a
type the checker does not know, so the runtimes compute them (nothing is folded away)."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from appforge import ir
from appforge.checker import parser
from appforge.checker.expressions import ExpressionChecker, Located, Scope
from appforge.checker.fold import NotConstant, evaluate
from appforge.diagnostics import Diagnostic, SourceSpan
from appforge.kinds.function import functions
from appforge.targets.mobile.emit import TsEmitter
from appforge.targets.mobile.functions import functions_ts
from appforge.targets.web.emit import Emitter
from appforge.targets.web.render import runtime_js
from tests.conftest import ROOT
from tests.mobile.conftest import node_modules  # noqa: F401  (a fixture)

SEMANTICS = ROOT / "specs" / "semantics"
MISSING = object()


@dataclass(frozen=True)
class Case:
    where: str
    expr: str
    variables: dict[str, Any]
    expected: Any  # the encoded value, or MISSING
    text: str | None
    matches: str | None


def _double(v: Any) -> Any:
    """A value as JavaScript reads it from JSON: every number a double."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if abs(v) <= 2**53 else float(v)
    if isinstance(v, float):
        return v
    if isinstance(v, list):
        return [_double(x) for x in v]
    return {k: _double(x) for k, x in v.items()}


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(SEMANTICS.glob("*.yaml")):
        if path.name == "validation.yaml":
            continue
        for n, raw in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            cases.append(Case(f"{path.name}#{n + 1}: {raw['expr']}", raw["expr"],
                              _double(raw.get("with") or {}),
                              _double(raw["is"]) if "is" in raw else MISSING,
                              raw.get("text"), raw.get("matches")))
    return cases


CASES = load_cases()


def encode(v: Any) -> Any:
    """A result as JSON can carry it: NaN, the infinities and -0 as {"$": text}."""
    if isinstance(v, float) and (not math.isfinite(v) or (v == 0 and math.copysign(1, v) < 0)):
        return {"$": "-0" if v == 0 else "NaN" if math.isnan(v) else
                "Infinity" if v > 0 else "-Infinity"}
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, dict):
        return {k: encode(x) for k, x in v.items()}
    return v


def same(a: Any, b: Any) -> bool:
    """Equal as JavaScript values: true is not 1, 3 is 3.0."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def check(case: Case) -> ir.Expr:
    """The case's expression, type-checked with its variables as loop variables of unknown
    type; no diagnostics allowed."""
    loops = {name: ir.LoopVar(name, f"v_{name}", ir.ANY, f"i_{name}", None)
             for name in case.variables}
    diags: list[Diagnostic] = []
    checker = ExpressionChecker(Scope({}, {}, frozenset(), {}, loops=loops), diags)
    span = SourceSpan(case.where, 1, 1, 1, 1)
    expr = checker.check(parser.parse_expression(case.expr), Located(span, None), set())
    assert not diags, f"{case.where}: {[d.message for d in diags]}"
    return expr


def verdict(case: Case, result: Any, text: str) -> str | None:
    """What is wrong with a runtime's answer (its encoded value and its text), or None."""
    if case.expected is not MISSING and not same(result, case.expected):
        return f"gives {json.dumps(result, ensure_ascii=False)}, expected " \
               f"{json.dumps(case.expected, ensure_ascii=False)}"
    if case.text is not None and text != case.text:
        return f"shows {text!r}, expected {case.text!r}"
    if case.matches is not None and not re.search(case.matches, text):
        return f"shows {text!r}, expected to match {case.matches!r}"
    return None


def _report(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} case(s) differ:\n" + "\n".join(problems)


def test_cases_load() -> None:
    assert len(CASES) > 150
    for case in CASES:
        assert case.expected is not MISSING or case.text is not None or case.matches, case.where


def test_checker_folding() -> None:
    """The Python implementation (appforge/kinds/values.py and the function kinds), and the
    checker folds a case without variables into the same literal."""
    from appforge.kinds.values import to_str

    problems = []
    for case in CASES:
        expr = check(case)
        try:
            value = evaluate(expr, case.variables)
        except NotConstant:
            assert case.matches, f"{case.where}: only now() and today() are not constants"
            continue
        problem = verdict(case, encode(value), to_str(value))
        if problem:
            problems.append(f"{case.where}: Python {problem}")
        if not case.variables and isinstance(expr, ir.Literal_) and \
                not same(expr.value, value):
            problems.append(f"{case.where}: folded to {expr.value!r}, evaluates to {value!r}")
    _report(problems)


_ENCODE_JS = """
function enc(v) {
  if (v === undefined) return {"$": "undefined"};
  if (typeof v === "number" && (!isFinite(v) || (v === 0 && 1 / v < 0)))
    return {"$": v === 0 ? "-0" : String(v)};
  if (Array.isArray(v)) return v.map(enc);
  if (v !== null && typeof v === "object") {
    var o = {};
    Object.keys(v).forEach(function (k) { o[k] = enc(v[k]); });
    return o;
  }
  return v;
}
"""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    return node


def _answers(out: str) -> Any:
    return json.loads(out.strip().splitlines()[-1])


def _judge(runtime: str, answers: list[dict[str, Any]]) -> None:
    problems = []
    for case, answer in zip(CASES, answers, strict=True):
        if "error" in answer:
            problems.append(f"{case.where}: {runtime} throws {answer['error']}")
            continue
        problem = verdict(case, answer["v"], answer["t"])
        if problem:
            problems.append(f"{case.where}: {runtime} {problem}")
    _report(problems)


def web_harness() -> str:
    """One script: the web runtime (every function, every block, the form component), then
    each case as the web target emits it, run with its variables, then each validation case."""
    runtime = runtime_js(["form"], [], sorted(functions()))
    lines = ["var window = globalThis;", runtime,
             "(function (R) {", "  var F = R.fn;", _ENCODE_JS, "  var cases = ["]
    for case in CASES:
        emitter = Emitter({name: f"v_{name}" for name in case.variables})
        scope = {f"v_{k}": x for k, x in case.variables.items()}
        lines.append(f"    [function (sc) {{ return {emitter.expr(check(case))}; }}, "
                     f"{json.dumps(scope)}],")
    lines += ["  ];",
              f"  var fields = {json.dumps(_validation_inputs())};",
              "  var out = cases.map(function (c) {",
              "    try { var r = c[0]({v: c[1]}); return {v: enc(r), t: R.str(r)}; }",
              "    catch (e) { return {error: String(e)}; }",
              "  });",
              "  var messages = fields.map(function (c) { return R.validate(c[0], c[1]); });",
              "  console.log(JSON.stringify({expressions: out, validation: messages}));",
              "})(window.AppForge);", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def web_answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    script = tmp_path_factory.mktemp("web") / "cases.js"
    script.write_text(web_harness(), encoding="utf-8")
    proc = subprocess.run([_node(), str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return _answers(proc.stdout)


def test_web_runtime(web_answers: dict[str, Any]) -> None:
    _judge("web", web_answers["expressions"])


def test_web_validation(web_answers: dict[str, Any]) -> None:
    _judge_messages("web", web_answers["validation"])


def mobile_harness() -> str:
    """One TypeScript module: the mobile runtime's values, functions and validation, then
    each case as the mobile target emits it (its variables typed as Value), then each
    validation case."""
    emitter = TsEmitter()
    lines = ['import { validate } from "./runtime/validate";',
             'import * as R from "./runtime/value";', "",
             "declare const console: { log(s: string): void };",
             "type Answer = { v?: unknown; t?: string; error?: string };",
             "function enc(v: unknown): unknown {",
             '  if (v === undefined) return { $: "undefined" };',
             '  if (typeof v === "number" && (!isFinite(v) || (v === 0 && 1 / v < 0)))',
             '    return { $: v === 0 ? "-0" : String(v) };',
             "  if (Array.isArray(v)) return v.map(enc);",
             '  if (v !== null && typeof v === "object") {',
             "    const o: Record<string, unknown> = {};",
             "    Object.keys(v).forEach((k) => { o[k] = enc((v as Record<string, unknown>)[k]); });",
             "    return o;",
             "  }",
             "  return v;",
             "}",
             "const cases: Array<() => R.Value> = ["]
    for case in CASES:
        # JSON as written (js() would sort a record's keys, and eq compares records by it)
        decls = "".join(f"const v_{k}: R.Value = {json.dumps(x)}; "
                        for k, x in case.variables.items())
        lines.append(f"  () => {{ {decls}return {emitter.expr(check(case))}; }},")
    lines += ["];",
              "const out: Answer[] = cases.map((c) => {",
              "  try { const r = c(); return { v: enc(r), t: R.str(r) }; }",
              "  catch (e) { return { error: String(e) }; }",
              "});",
              "const fields: Array<[R.FieldDesc, R.Value]> = "
              f"{json.dumps(_validation_inputs())};",
              "const messages = fields.map((c) => validate(c[0], c[1]));",
              "// Read by the jest test that imports this module (see mobile_answers).",
              "(globalThis as unknown as { __answers: string }).__answers =",
              "  JSON.stringify({ expressions: out, validation: messages });", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def mobile_answers(tmp_path_factory: pytest.TempPathFactory,
                   node_modules: Path) -> dict[str, Any]:  # noqa: F811
    """The mobile runtime's answers: the cases module type-checked by one tsc run (strict),
    then run under jest (babel, as the generated project's tests run) in one jest process."""
    root = tmp_path_factory.mktemp("mobile")
    runtime = ROOT / "templates" / "mobile" / "src" / "runtime"
    src = root / "src"
    (src / "runtime").mkdir(parents=True)
    for name in ("value.ts", "validate.ts"):
        (src / "runtime" / name).write_bytes((runtime / name).read_bytes())
    (src / "runtime" / "functions.ts").write_text(functions_ts(sorted(functions())),
                                                  encoding="utf-8")
    (src / "cases.ts").write_text(mobile_harness(), encoding="utf-8")
    (root / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {"strict": True, "target": "es2019", "module": "commonjs",
                            "lib": ["es2019"], "types": [], "noEmit": True},
        "files": ["src/cases.ts"]}), encoding="utf-8")
    tsc = subprocess.run([_node(), str(node_modules / "typescript" / "bin" / "tsc"), "-p",
                          str(root)], capture_output=True, text=True, timeout=300)
    assert tsc.returncode == 0, tsc.stdout[-3000:] + tsc.stderr[-2000:]
    (root / "node_modules").symlink_to(node_modules)
    # The runtime modules only (no React Native), so jest's node environment and Expo's babel
    # preset (which the generated project's jest-expo preset uses too) are all it needs.
    (root / "package.json").write_text(json.dumps({"private": True, "jest": {
        "testEnvironment": "node",
        "transform": {"\\.ts$": ["babel-jest", {"presets": ["babel-preset-expo"]}]}}}),
        encoding="utf-8")
    (root / "__tests__").mkdir()
    (root / "__tests__" / "cases.test.ts").write_text(
        'import * as fs from "fs";\n\n'
        'test("the semantics cases", () => {\n'
        '  require("../src/cases");\n'
        '  fs.writeFileSync("answers.json", (globalThis as any).__answers);\n'
        '});\n', encoding="utf-8")
    proc = subprocess.run([str(node_modules / ".bin" / "jest"), "--ci"], cwd=root,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return _answers((root / "answers.json").read_text(encoding="utf-8"))


@pytest.mark.npm
def test_mobile_runtime(mobile_answers: dict[str, Any]) -> None:
    _judge("mobile", mobile_answers["expressions"])


@pytest.mark.npm
def test_mobile_validation(mobile_answers: dict[str, Any]) -> None:
    _judge_messages("mobile", mobile_answers["validation"])


# ---- form validation -------------------------------------------------------------------------

VALIDATION = yaml.safe_load((SEMANTICS / "validation.yaml").read_text(encoding="utf-8"))["cases"]


def _validation_inputs() -> list[list[Any]]:
    return [[_field(c["field"]), _double(c["value"])] for c in VALIDATION]


def _field(raw: dict[str, Any]) -> dict[str, Any]:
    """A field as the targets describe it to the runtimes (R.FieldDesc)."""
    field = {"name": "f", **_double(raw)}
    field["type"] = {"k": raw["type"]}
    return field


def _judge_messages(runtime: str, got: list[Any]) -> None:
    problems = [f"validation.yaml#{n}: {case['field']} {case['value']!r}: {runtime} says "
                f"{answer!r}, expected {case['message']!r}"
                for n, (case, answer) in enumerate(zip(VALIDATION, got, strict=True), 1)
                if answer != case["message"]]
    _report(problems)


def test_validation_messages_are_the_table() -> None:
    """Every expected message is one of the table's, filled in (Python's message())."""
    from appforge.kinds.messages import MESSAGES, message

    for case in VALIDATION:
        if case["message"] is not None:
            label = case["field"]["label"]
            assert any(case["message"] == message(rule, label, n) for rule in MESSAGES
                       for n in (None, *case["field"].values())), case
