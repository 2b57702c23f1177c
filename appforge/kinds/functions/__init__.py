"""The built-in expression functions, one module each (see :mod:`appforge.kinds.function`).

Each module's ``KIND`` is registered under the ``appforge.functions`` entry points in
pyproject.toml, and in :data:`BUILTIN` for a source tree that was never installed.
"""

NAMES = ("contains", "join", "len", "lower", "now", "number", "round", "str", "sum", "today",
         "trim", "upper", "where")

#: name -> "module:attr", as pyproject.toml registers them
BUILTIN = {name: f"appforge.kinds.functions.{name}:KIND" for name in NAMES}
