"""The built-in data-source kinds, one folder each (see :mod:`appforge.kinds.source`)."""
