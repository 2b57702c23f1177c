"""Tab icons: a page's ``icon`` names a glyph of Ionicons, the icon family of
``@expo/vector-icons`` (which the Expo SDK bundles). The names ship with appforge
(``ionicons.txt``), so ``validate`` needs no npm packages."""

from __future__ import annotations

from functools import cache
from importlib import resources

#: The family: the one Expo's own project templates draw their tabs with, with an outline and a
#: filled form of most glyphs (an outline tab shows its filled form when selected).
ICON_FAMILY = "Ionicons"
#: The icon of a tab whose page names none.
DEFAULT_ICON = "document-outline"


@cache
def icon_names() -> frozenset[str]:
    text = resources.files("appforge.checker").joinpath("ionicons.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def focused_icon(name: str) -> str:
    """The glyph of a selected tab: ``home`` for ``home-outline`` (when Ionicons has it)."""
    base = name.removesuffix("-outline")
    return base if base != name and base in icon_names() else name
