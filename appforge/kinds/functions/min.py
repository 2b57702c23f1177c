"""min(list, 'field'): the smallest value of a field over records (or of a list), or null."""

from __future__ import annotations

from appforge.kinds.functions import _lists

KIND = _lists.extreme("min", -1, "smallest")
