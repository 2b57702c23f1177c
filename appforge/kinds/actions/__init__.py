"""The built-in actions, one folder each (see :mod:`appforge.kinds.action`)."""
