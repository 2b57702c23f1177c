"""max(list, 'field'): the largest value of a field over records (or of a list), or null."""

from __future__ import annotations

from appforge.kinds.functions import _lists

KIND = _lists.extreme("max", 1, "largest")
