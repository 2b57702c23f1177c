"""Evaluation harness for `appforge ai draft` (not run in CI): drafts every prompt of
prompts.txt against whatever server OPENAI_BASE_URL names, and reports the share of drafts
that compile, the repair rounds and the tokens, so the prompt can be improved by measurement.

    OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_API_KEY=x APPFORGE_AI_MODEL=qwen2.5 \\
        python bench/ai_eval/run.py [--max-repairs 3] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-repairs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()

    from appforge.ai import AIError, ChatClient, NoValidSpec, compose

    prompts = [p for p in (Path(__file__).parent / "prompts.txt").read_text().splitlines() if p]
    if args.limit:
        prompts = prompts[:args.limit]
    client = ChatClient()
    rows = []
    for prompt in prompts:
        started = time.perf_counter()
        try:
            composed = compose(client, prompt, max_repairs=args.max_repairs)
            rows.append({"prompt": prompt, "ok": True, "rounds": composed.rounds,
                         "tokens": composed.tokens})
        except NoValidSpec as exc:
            codes = sorted({d.code for d in exc.diagnostics if d.is_error})
            rows.append({"prompt": prompt, "ok": False, "rounds": exc.rounds,
                         "tokens": exc.tokens, "codes": codes})
        except AIError as exc:
            rows.append({"prompt": prompt, "ok": False, "error": exc.message, "rounds": 0,
                         "tokens": 0})
        rows[-1]["seconds"] = round(time.perf_counter() - started, 1)
        print(json.dumps(rows[-1]))
    compiled = [r for r in rows if r["ok"]]
    print(f"\nmodel {client.model}: {len(compiled)}/{len(rows)} compile "
          f"({100 * len(compiled) / max(len(rows), 1):.0f}%)")
    if compiled:
        print(f"repair rounds: mean {statistics.mean(r['rounds'] - 1 for r in compiled):.2f}, "
              f"first time right {sum(r['rounds'] == 1 for r in compiled)}")
        print(f"tokens per compiled draft: median "
              f"{statistics.median(r['tokens'] for r in compiled):.0f}")


if __name__ == "__main__":
    main()
