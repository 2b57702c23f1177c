"""The expression function kind: what one function of the ``{{ }}`` language is.

A function kind holds everything about it: its signature and type rule (the checker calls
``check`` with the argument types, and literal values where a rule needs them, and gets the
result type or a message), its Python implementation (the checker folds calls on constants
with it; ``None`` for a function whose result changes, such as ``now()``), its implementation
for each target (``"web"``: JavaScript, ``"mobile"``: TypeScript), its docs and an example.
Built-ins live in ``appforge/kinds/functions/<name>.py`` and register under the
``appforge.functions`` entry points like a plugin's do.

Target code: a web implementation is a statement that sets ``F.<name>`` inside the web
runtime's closure (it may call the runtime's helpers ``str``, ``num``, ``eq`` and ``R.m``
by name); a mobile implementation is the property ``<name>: (...) => ...,`` of the mobile
runtime's ``F`` object, with ``uses`` naming the helpers of ``src/runtime/value.ts`` it calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from appforge.ir import ANY, Type
from appforge.kinds import registry

#: model name -> field name -> type
Models = Mapping[str, Mapping[str, Type]]
Check = Callable[[list[Type], list[object], Models], "Type | str | ArgError"]


@dataclass(frozen=True)
class ArgError:
    """A type rule's complaint about one argument (``arg``: its index), reported as E0302 at
    that argument rather than at the whole call, with ``hint`` (else the signature)."""

    message: str
    arg: int
    hint: str | None = None


@dataclass(frozen=True)
class Implementation:
    """A function's code for one target, and the runtime helpers it calls."""

    code: str
    uses: tuple[str, ...] = ()


@dataclass(frozen=True)
class FunctionKind:
    name: str
    signature: str
    description: str
    min_args: int
    max_args: int
    check: Check
    #: The function in Python, with the values of :mod:`appforge.kinds.values` (JavaScript's
    #: meaning); None when a call is never a constant (now(), today()).
    evaluate: Callable[..., object] | None = None
    #: target name -> its code: a target supports the function iff it has an entry here
    implementations: Mapping[str, Implementation] = field(default_factory=dict)
    #: an expression that uses it, for the docs
    example: str = ""


#: A function's name is a property name in both runtimes (F.<name>): lower-case letters,
#: digits and _, so never "__proto__" (which an object literal would read as its prototype).
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


@cache
def functions() -> dict[str, FunctionKind]:
    """Every function kind of the language by name, from the ``appforge.functions`` entry
    points (the built-ins included), sorted by name; a kind whose name is not a plain
    lower-case name (:data:`NAME`) is left out."""
    found = registry.table(registry.FUNCTIONS, lambda k: isinstance(k, FunctionKind))
    return {name: kind for name, kind in sorted(found.items())
            if NAME.match(name) and kind.name == name}


def clear_cache() -> None:
    """Forget the loaded kinds (a test that installs a plugin calls this)."""
    registry.entry_point_values.cache_clear()
    functions.cache_clear()


# ---- argument rules the built-ins share --------------------------------------------------

def is_any(t: Type) -> bool:
    return t.kind == "any"


def text_like(t: Type) -> bool:
    return is_any(t) or t.is_string or t.kind == "null"


def record_field(args: list[Type], lits: list[object], models: Models) -> Type | str:
    """Check a (list of records, 'field') pair; return the field's type."""
    lst = args[0]
    if is_any(lst):
        return ANY
    if lst.kind != "list":
        return f"expects a list, got {lst}"
    if not isinstance(lits[1], str):
        if not text_like(args[1]):
            return f"expects a field name as text, got {args[1]}"
        return ANY
    element = lst.of or ANY
    if element.kind != "record":
        return ANY if is_any(element) else f"needs a list of records, got {lst}"
    fields = models.get(element.model or "", {})
    if lits[1] not in fields:
        names = ", ".join(sorted(fields))
        return f"{element.model} has no field '{lits[1]}' (fields: {names})"
    return fields[lits[1]]
