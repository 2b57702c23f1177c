"""Kinds: every component, action, expression function and data-source kind of the language.

Each kind lives in one folder (``appforge/kinds/<group>/<name>/``) that holds everything about it
(its model, its checker rules, its renderer for each target, its docs example), and is registered
under an entry point group (see :mod:`appforge.kinds.registry`). The built-ins register through
the same entry points a third-party package uses.
"""
