"""Drop what a generated TypeScript module does not use, so the project passes
``tsc --noUnusedLocals --noUnusedParameters`` and reads like code a person wrote.

The screens, App.tsx and src/app.ts import the runtime's helpers a page might need; which of
them a page calls is known only once its components are rendered. Rather than have every
writer track that, the finished module is tidied: each import (named, default or namespace)
whose name the code never mentions is removed, as is a screen's copy of its route params
(``const P``) when no expression reads a param. Mentions are found outside string literals
(the only literals generated code has are JSON-escaped double-quoted strings, see
``escape.js``), so a name inside spec text does not count as a use.
"""

from __future__ import annotations

import re

_IMPORT = re.compile(
    r'^import (?:(?P<default>\w+)(?:, )?)?(?:\{ (?P<named>[^}]*) \})?(?:\* as (?P<ns>\w+))?'
    r' from (?P<source>"[^"]*");\n', re.M)
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_PARAMS = re.compile(r"^ *const P: R\.Rec = \{ \.\.\.\(route\.params \?\? \{\}\) \};\n", re.M)


def code_only(source: str) -> str:
    """The source with its string literals emptied."""
    return _STRING.sub('""', source)


def mentions(code: str, name: str) -> bool:
    """Whether ``code`` (strings emptied) names ``name`` as a whole identifier."""
    return re.search(rf"(?<![\w$.]){re.escape(name)}(?![\w$]|=[^=]|:)", code) is not None


def tidy(source: str) -> str:
    """The module without its unused imports (and a screen's unused ``P``)."""
    code = code_only(_IMPORT.sub("", source))
    if _PARAMS.search(source) and not mentions(_PARAMS.sub("", code), "P"):
        source = _PARAMS.sub("", source)
        source = source.replace("({ navigation, route }: ", "({ navigation }: ", 1)
        code = code_only(_IMPORT.sub("", source))
    return _IMPORT.sub(lambda m: _kept(m, code), source)


def _kept(match: re.Match[str], code: str) -> str:
    default, named, ns = match["default"], match["named"], match["ns"]
    if default is not None and not mentions(code, default):
        default = None
    names = [n for n in (named or "").split(", ")
             if n and mentions(code, n.split(" as ")[-1].strip())]
    if ns is not None and not mentions(code, ns):
        ns = None
    if default is None and not names and ns is None:
        return ""
    head = ", ".join(part for part in (default, "{ " + ", ".join(names) + " }" if names else None,
                                       f"* as {ns}" if ns else None) if part)
    return f"import {head} from {match['source']};\n"
