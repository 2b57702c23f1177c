"""The form validation messages: one table, which both runtimes carry.

``{label}`` is the field's label and ``{n}`` the rule's bound (a number as JavaScript prints
it). ``python -m appforge.spec.reference`` writes the table into the runtimes' files (between
their ``// ---- messages`` lines: appforge/kinds/components/form/web.js and
templates/mobile/src/runtime/validate.ts), and a test fails when one is stale;
specs/semantics/validation.yaml holds the cases both runtimes' rules run.
"""

from __future__ import annotations

import json
import re

from appforge.kinds.values import to_str

#: rule -> message
MESSAGES: dict[str, str] = {
    "required": "{label} is required",
    "number": "{label} must be a number",
    "integer": "{label} must be a whole number",
    "min": "{label} must be at least {n}",
    "max": "{label} must be at most {n}",
    "min_length": "{label} must be at least {n} characters",
    "max_length": "{label} must be at most {n} characters",
    "email": "{label} must be an e-mail address",
    "url": "{label} must be a web address (http or https)",
    "date": "{label} must be a date",
    "pattern": "{label} has the wrong format",
}


def message(rule: str, label: str, n: object = None) -> str:
    """A rule's message for a field, as the runtimes write it."""
    return MESSAGES[rule].replace("{n}", to_str(n)).replace("{label}", label)


_REGION = re.compile(r"(// ---- messages: .*?\n)(.*?)(^ *// ---- end of messages\n)",
                     re.M | re.S)
_HEAD = "// ---- messages: generated from appforge/kinds/messages.py by " \
        "python -m appforge.spec.reference\n"


def with_table(source: str, declaration: str) -> str:
    """A runtime file with its table written again: ``declaration`` is what precedes the
    object literal (``var MESSAGES =``)."""
    table = json.dumps(MESSAGES, indent=2, ensure_ascii=False)
    body = f"{declaration} {table};\n"
    if not _REGION.search(source):
        raise ValueError("the file has no '// ---- messages:' region")
    return _REGION.sub(lambda m: _HEAD + body + m[3], source, count=1)
