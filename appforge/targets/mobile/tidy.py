"""Drop what a generated TypeScript module does not use, so the project passes
``tsc --noUnusedLocals --noUnusedParameters`` and reads like code a person wrote.

The screens, App.tsx and src/app.ts import the runtime's helpers a page might need; which of
them a page calls is known only once its components are rendered. Rather than have every
writer track that, the finished module is tidied: each import (named, default or namespace)
whose name the code never mentions is removed, as is a screen's copy of its route params
(``const P``) when no expression reads a param. Mentions are found outside string literals
(the only literals generated code has are JSON-escaped double-quoted strings, see
``escape.js``), so a name inside spec text does not count as a use. Every import is at the
module's head: one block of lines, a blank line after it.
"""

from __future__ import annotations

import re

_IMPORT = re.compile(
    r'^import (?:(?P<default>\w+)(?:, )?)?(?:\{ (?P<named>[^}]*) \})?(?:\* as (?P<ns>\w+))?'
    r' from (?P<source>"[^"]*");\n', re.M)
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_PARAMS = "  const P: R.Rec = { ...(route.params ?? {}) };\n"


def code_only(source: str) -> str:
    """The source with its string literals emptied."""
    return _STRING.sub('""', source)


def mentions(code: str, name: str) -> bool:
    """Whether ``code`` names ``name`` as an identifier outside its string literals: not as
    a property (after "."), an object key or JSX attribute (before ":" or "="), nor as part of
    a longer name. Found with ``str.find`` (a regular expression over every screen took a
    fifth of a mobile build); generated strings never span lines, so a hit is in one when its
    line has an odd number of quotes before it."""
    at, size = code.find(name), len(name)
    while at >= 0:
        before = code[at - 1] if at else " "
        after = code[at + size:at + size + 2]
        if not (before.isalnum() or before in "_$.") and \
                not (after[:1].isalnum() or after[:1] in "_$:") and \
                not (after[:1] == "=" and after[1:2] != "=") and \
                code_only(code[code.rfind("\n", 0, at) + 1:at]).count('"') % 2 == 0:
            return True
        at = code.find(name, at + size)
    return False


def tidy(source: str) -> str:
    """The module without its unused imports (and a screen's unused ``P``)."""
    first = source.find("import ") if source.startswith("import ") else source.find("\nimport ")
    if first < 0:
        return source
    end = source.find("\n\n", first) + 1  # the imports end at the next blank line
    imports = list(_IMPORT.finditer(source, first, end))
    if not imports:
        return source
    head, body = source[:imports[-1].end()], source[imports[-1].end():]
    params = body.find(_PARAMS)
    if params >= 0 and not mentions(body[params + len(_PARAMS):], "P"):
        body = (body[:params] + body[params + len(_PARAMS):]).replace(
            "({ navigation, route }: ", "({ navigation }: ", 1)
    used = {name for m in imports for name in _local_names(m) if mentions(body, name)}
    return _IMPORT.sub(lambda m: _kept(m, used), head) + body


def _local_names(match: re.Match[str]) -> list[str]:
    named = [n.split(" as ")[-1].strip() for n in (match["named"] or "").split(", ") if n]
    return [n for n in (match["default"], match["ns"], *named) if n]


def _kept(match: re.Match[str], used: set[str]) -> str:
    default, named, ns = match["default"], match["named"], match["ns"]
    if default is not None and default not in used:
        default = None
    names = [n for n in (named or "").split(", ") if n and n.split(" as ")[-1].strip() in used]
    if ns is not None and ns not in used:
        ns = None
    if default is None and not names and ns is None:
        return ""
    head = ", ".join(part for part in (default, "{ " + ", ".join(names) + " }" if names else None,
                                       f"* as {ns}" if ns else None) if part)
    return f"import {head} from {match['source']};\n"
