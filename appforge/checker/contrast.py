"""The theme: defaults applied, and a warning where text would be hard to read (WCAG AA)."""

from __future__ import annotations

from appforge import ir
from appforge.checker.context import Context

AA_RATIO = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(ch * 2 for ch in hex_digits)
    r, g, b = (int(hex_digits[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def expand(colour: str) -> str:
    """#abc -> #aabbcc, lower case, so targets get one form."""
    digits = colour.lstrip("#").lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


def check_theme(ctx: Context) -> ir.Theme:
    spec = ctx.spec.theme
    base = ir.Theme()
    dark = spec.dark
    theme = ir.Theme(
        primary=expand(spec.primary or base.primary),
        background=expand(spec.background or base.background),
        surface=expand(spec.surface or base.surface),
        text=expand(spec.text or base.text),
        danger=expand(spec.danger or base.danger),
        radius=spec.radius if spec.radius is not None else base.radius,
        spacing=spec.spacing if spec.spacing is not None else base.spacing,
        font=spec.font or base.font,
        dark_background=expand(dark.background or base.dark_background) if dark and
        dark.background else base.dark_background,
        dark_surface=expand(dark.surface) if dark and dark.surface else base.dark_surface,
        dark_text=expand(dark.text) if dark and dark.text else base.dark_text,
        dark_primary=expand(dark.primary) if dark and dark.primary else None,
    )
    pairs = [
        ("text", theme.text, "background", theme.background, ("text",)),
        ("text", theme.text, "surface", theme.surface, ("text",)),
        ("white button text", "#ffffff", "primary", theme.primary, ("primary",)),
        ("white button text", "#ffffff", "danger", theme.danger, ("danger",)),
        ("dark text", theme.dark_text, "dark background", theme.dark_background,
         ("dark", "text")),
    ]
    for fg_name, fg, bg_name, bg, keys in pairs:
        ratio = contrast(fg, bg)
        if ratio < AA_RATIO:
            span = spec.span_of(*keys) if spec.has(keys[0]) else ctx.spec.entry.span(())
            if not spec.has(keys[0]) and not any(spec.has(k) for k in ("background", "surface")):
                continue  # only warn about colours the spec chose
            ctx.warn("W0103", f"{fg_name} on {bg_name} has a contrast of {ratio:.2f}:1, below "
                     f"WCAG AA ({AA_RATIO}:1)", span, "pick a darker or lighter colour")
    return theme
