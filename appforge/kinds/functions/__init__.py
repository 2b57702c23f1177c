"""The built-in expression functions, one module each (see :mod:`appforge.kinds.function`).

Each module's ``KIND`` is registered under the ``appforge.functions`` entry points in
pyproject.toml, as a plugin's would be; :data:`BUILTIN` (every module of this folder) backs a
source tree that was never installed, and a test checks the two agree.
"""

from pkgutil import iter_modules

NAMES = tuple(sorted(m.name for m in iter_modules(__path__) if not m.name.startswith("_")))

#: name -> "module:attr", as pyproject.toml registers them
BUILTIN = {name: f"{__name__}.{name}:KIND" for name in NAMES}
