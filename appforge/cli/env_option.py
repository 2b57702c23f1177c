"""``--env NAME=VALUE`` options, shared by build and dev."""

from __future__ import annotations

import typer


def parse_env(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"'{item}' is not NAME=VALUE", param_hint="--env")
        out[name] = value
    return out
