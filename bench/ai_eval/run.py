"""Evaluation harness for `appforge ai draft` (not run in CI): drafts every prompt of
prompts.txt against whatever server OPENAI_BASE_URL names, and reports the share of drafts
that compile, the repair rounds and the tokens, so the prompt can be improved by measurement.

    OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_API_KEY=x APPFORGE_AI_MODEL=qwen2.5 \\
        python bench/ai_eval/run.py [--model M] [--max-repairs 3] [--limit N] [--report r.json]

Nothing is written into a project: each draft is only compiled (in a temporary folder).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any


def draft_all(prompts: list[str], model: str | None, max_repairs: int) -> tuple[str, list[Any]]:
    from appforge.ai import AIError, ChatClient, NoValidSpec, compose

    client = ChatClient(model)
    rows: list[dict[str, Any]] = []
    for prompt in prompts:
        started = time.perf_counter()
        row: dict[str, Any] = {"prompt": prompt}
        try:
            composed = compose(client, prompt, max_repairs=max_repairs)
            row.update(ok=True, rounds=composed.rounds, tokens=composed.tokens,
                       examples=composed.ranking, warnings=len(composed.diagnostics))
        except NoValidSpec as exc:
            row.update(ok=False, rounds=exc.rounds, tokens=exc.tokens,
                       codes=sorted({d.code for d in exc.diagnostics if d.is_error}))
        except AIError as exc:  # a transport failure, a refusal, a cut-off reply
            row.update(ok=False, rounds=0, tokens=0, error=exc.message)
        row["seconds"] = round(time.perf_counter() - started, 1)
        rows.append(row)
        print(json.dumps(row), flush=True)
    return client.model, rows


def summary(model: str, rows: list[dict[str, Any]], max_repairs: int) -> dict[str, Any]:
    compiled = [r for r in rows if r["ok"]]
    failed = [r for r in rows if not r["ok"]]
    return {
        "model": model,
        "prompts": len(rows),
        "compiled": len(compiled),
        "compile_share": round(len(compiled) / max(len(rows), 1), 3),
        # How many drafts compiled after exactly N repair rounds, N = 0 .. max_repairs.
        "compiled_after_repairs": {n: sum(r["rounds"] - 1 == n for r in compiled)
                                   for n in range(max_repairs + 1)},
        "mean_repairs": round(statistics.mean(r["rounds"] - 1 for r in compiled), 2)
        if compiled else None,
        "median_tokens_compiled": statistics.median(r["tokens"] for r in compiled)
        if compiled else None,
        "total_tokens": sum(r["tokens"] for r in rows),
        # The codes that defeat the model most often: where the prompt needs work.
        "failing_codes": dict(Counter(c for r in failed for c in r.get("codes", []))
                              .most_common(10)),
        "errors": dict(Counter(r["error"] for r in failed if "error" in r)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, help="default: APPFORGE_AI_MODEL or the "
                        "appforge default")
    parser.add_argument("--max-repairs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="only the first N prompts")
    parser.add_argument("--report", type=Path, help="also write rows and summary as JSON")
    args = parser.parse_args()

    lines = (Path(__file__).parent / "prompts.txt").read_text(encoding="utf-8").splitlines()
    prompts = [p.strip() for p in lines if p.strip() and not p.startswith("#")]
    if args.limit:
        prompts = prompts[:args.limit]
    model, rows = draft_all(prompts, args.model, args.max_repairs)
    result = summary(model, rows, args.max_repairs)
    print("\n" + json.dumps(result, indent=2))
    if args.report:
        args.report.write_text(json.dumps({"summary": result, "rows": rows}, indent=2) + "\n",
                               encoding="utf-8")


if __name__ == "__main__":
    main()
