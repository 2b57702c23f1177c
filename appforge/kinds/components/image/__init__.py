"""The ``image`` component."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from appforge import ir
from appforge.checker.actions import check_url
from appforge.kinds.component import ComponentKind
from appforge.loader.project import path_problem
from appforge.spec.base import Int, Text
from appforge.spec.components import Component

if TYPE_CHECKING:
    from appforge.checker.components import ComponentChecker
    from appforge.checker.expressions import Scope


class Image(Component):
    """An image from a URL or a file under assets/."""

    type: Literal["image"]
    src: Text = Field(description="An https URL or a path under assets/.")
    alt: Text = Field(description="Text for screen readers (required).")
    width: Int | None = Field(default=None, gt=0, description="Width in pixels.")
    height: Int | None = Field(default=None, gt=0, description="Height in pixels.")


def check(cc: ComponentChecker, comp: Any, props: dict[str, ir.Prop], scope: Scope) -> None:
    """A URL is http(s); a file is a regular file under assets/, written as its own path from
    the project folder (the app ships it under that name)."""
    image: Image = comp
    src = props.get("src")
    if not isinstance(src, ir.Value):
        return
    if isinstance(src.expr, ir.Literal_) and isinstance(src.expr.value, str):
        value = src.expr.value
        if "://" in value or value.startswith(("data:", "javascript:")) or ":" in value[:12]:
            check_url(cc.ctx, src, ("http", "https"))
            return
        problem = path_problem(value)
        if problem is not None:
            cc.ctx.error("E0408", f"image {value!r}: {problem}", image.span_of("src"),
                         "put the file under the project's assets/ folder and write "
                         "assets/<file>")
            return
        root = Path(cc.ctx.root)
        canonical = _asset_form(value)
        path = (root / value).resolve() if canonical == value else root
        if canonical != value:
            # The path is written into the app as it is: it must be the file's own path from
            # the project folder, or the image is broken (../assets/a.png) or points elsewhere.
            hint = f"write it as '{canonical}'" if canonical else \
                "put the file under the project's assets/ folder and write assets/<file>"
            cc.ctx.error("E0408", f"image '{value}' must be an https URL or a path under "
                         "assets/ from the project folder, without ./, ../, // or a leading /",
                         image.span_of("src"), hint)
        elif not path.is_relative_to(root / "assets"):  # a symlink out of assets/
            cc.ctx.error("E0408", f"image '{value}' must be an https URL or a file under "
                         "assets/", image.span_of("src"),
                         "it is a link to a file outside assets/: copy the file into assets/")
        elif not path.exists():
            cc.ctx.error("E0408", f"image file '{value}' does not exist", image.span_of("src"),
                         "put the file under the project's assets/ folder")
        elif not path.is_file():
            cc.ctx.error("E0408", f"image '{value}' is not a regular file (a folder, FIFO or "
                         "device?)", image.span_of("src"), "point it at an image file")
        else:
            # The name the app asks for (a link inside assets/ is copied under its own name).
            cc.ctx.assets.add(value)
    else:
        check_url(cc.ctx, src, ("http", "https"))


def _asset_form(value: str) -> str | None:
    """The canonical form of a local image path (assets/a.png), or None when it is not under
    assets/ once its ./ and ../ parts are followed from the project folder."""
    if not value.isprintable():  # NUL or a control character: no file of ours
        return None
    parts: list[str] = []
    for part in value.replace("\\", "/").split("/"):
        if part == "..":
            if not parts:
                return None  # above the project folder
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    if len(parts) < 2 or parts[0] != "assets":
        return None
    return "/".join(parts)


def http_images(comp: ir.Component) -> bool:
    """Whether the web page may show this image over plain http (its CSP allows http: then):
    a computed src, or a constant http: URL."""
    src = comp.prop("src")
    if isinstance(src, ir.Value):
        value = src.expr.value if isinstance(src.expr, ir.Literal_) else None
        return not isinstance(value, str) or value.lower().startswith("http:")
    return False


KIND = ComponentKind.from_folder(Path(__file__).parent, Image, check, http_images=http_images)
