"""Component kinds: everything about one component type, in the folder that defines it.

A :class:`ComponentKind` holds the component's model (its keys and their roles, from which the
checker, the JSON Schema and the reference are derived), its checker rules beyond roles, and
one implementation per target, keyed by the target's name. A target supports a component iff
the kind has an implementation for it (a third-party target may answer for itself through a
``supports(group, name)`` method, as for actions and sources). Built-ins live in
``appforge/kinds/components/<name>/`` and register under the ``appforge.components`` entry
points exactly as a plugin does::

    KIND = ComponentKind.from_folder(Path(__file__).parent, Badge)

``from_folder`` reads the target files it finds there: ``web.js`` (and ``web.css``) for the
web target, ``mobile.jsx.jinja`` (and ``mobile.tsx``, the widget) for the mobile target.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appforge.kinds import registry

if TYPE_CHECKING:
    from appforge import ir
    from appforge.checker.components import ComponentChecker
    from appforge.checker.expressions import Scope
    from appforge.spec.components import Component

    #: A checker rule beyond roles: (checker, the component, its props so far, its scope).
    Check = Callable[[ComponentChecker, Any, dict[str, ir.Prop], Scope], None]

#: (test id suffix, element kind, runs the node's navigations): see ComponentKind.journey_ids.
TestHook = tuple[str, str, bool]


@dataclass(frozen=True)
class WebComponent:
    """The web target's implementation: ``js`` defines ``R.c.<name>`` inside the runtime's
    closure; ``css`` is added to app.css when an app uses the component. ``dynamic`` names
    the props the runtime always reads as ``D(deps, fn)`` (never a constant)."""

    js: str
    css: str = ""
    dynamic: tuple[str, ...] = ()
    #: Whether a node may show an image over plain http (the CSP's img-src needs http: then).
    http_images: Callable[[ir.Component], bool] | None = None


@dataclass(frozen=True)
class MobileComponent:
    """The mobile target's implementation: ``template`` (Jinja) renders the JSX of one node;
    ``widget`` is the TSX source of ``src/components/<widget_name>.tsx`` that an app using the
    component ships (None when the template uses only the runtime's shared widgets)."""

    template: str
    widget_name: str | None = None
    widget: str | None = None
    #: Extra template variables computed from the node (the kind's own Python, for what a
    #: template would say badly: a select's options, a loop's item function).
    context: Callable[[ir.Component], Mapping[str, Any]] | None = None


@dataclass(frozen=True)
class ComponentKind:
    """One component type: its name (``type:`` in a spec), model, rules and implementations."""

    name: str
    model: type[Component]
    check: Check | None = None
    #: target name -> that target's implementation (WebComponent, MobileComponent, ...)
    implementations: Mapping[str, Any] = field(default_factory=dict)
    #: The component repeats over ``items``, naming each element ``as`` (list, table).
    repeats: bool = False
    #: A short spec example for docs (YAML), when the folder has ``example.yaml``.
    example: str = ""
    #: The test ids a node's widgets carry, for ``appforge test``'s journey checker: (suffix
    #: to the node's ``id``, the element's kind, whether pressing it runs the node's
    #: navigations); None means just the node's own id, of the kind's name.
    journey_ids: Callable[[ir.Component, ir.App], Iterable[TestHook]] | None = None

    @property
    def doc(self) -> str:
        """The one-line description (the model's docstring)."""
        text = (self.model.__doc__ or "").strip()
        return text.splitlines()[0] if text else ""

    def implementation(self, target: str) -> Any:
        """This kind's implementation for a target, or None."""
        return self.implementations.get(target)

    def loop_scoped(self, key: str) -> bool:
        """Whether a key's value is read inside the loop (the item's scope)."""
        return key in _loop_scoped_keys(self.model)

    @classmethod
    def from_folder(cls, folder: Path, model: type[Component], check: Check | None = None,
                    *, repeats: bool = False, web_dynamic: tuple[str, ...] = (),
                    http_images: Callable[[ir.Component], bool] | None = None,
                    mobile_context: Callable[[ir.Component], Mapping[str, Any]] | None = None,
                    journey_ids: Callable[[ir.Component, ir.App], Iterable[TestHook]] | None
                    = None) -> ComponentKind:
        """A kind from the files of its folder (see the module docstring)."""
        from appforge.spec.components import component_type

        def read(name: str) -> str | None:
            path = folder / name
            return path.read_text(encoding="utf-8") if path.is_file() else None

        implementations: dict[str, Any] = {}
        js = read("web.js")
        if js is not None:
            implementations["web"] = WebComponent(js, read("web.css") or "", web_dynamic,
                                                  http_images)
        template = read("mobile.jsx.jinja")
        if template is not None:
            widget = read("mobile.tsx")
            name = _camel(component_type(model)) if widget is not None else None
            implementations["mobile"] = MobileComponent(template, name, widget, mobile_context)
        return cls(component_type(model), model, check, implementations, repeats,
                   read("example.yaml") or "", journey_ids)


def _camel(name: str) -> str:
    """bar_chart -> BarChart: a widget's export and file name."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def _legacy(model: type[Component]) -> ComponentKind:
    """A kind for a bare model class (the older plugin form): it validates and is checked by
    its roles, and no target supports it."""
    from appforge.spec.components import component_type

    return ComponentKind(component_type(model), model)


@cache
def component_kinds() -> dict[str, ComponentKind]:
    """Every registered component kind by name: built-ins, then plugins (a plugin cannot
    replace a built-in). An entry point may name a kind, a list of kinds, or (legacy) a list
    of bare model classes."""
    kinds: dict[str, ComponentKind] = {}
    for value in registry.entry_point_values(registry.COMPONENTS).values():
        obj = registry.load(value)
        for item in obj if isinstance(obj, (list, tuple)) else [obj]:
            kind = item if isinstance(item, ComponentKind) else _legacy(item)
            kinds.setdefault(kind.name, kind)
    return kinds


def component_kind(name: str) -> ComponentKind | None:
    """The kind registered as ``name`` (None for a type that is not a registered kind, e.g.
    a component written in the spec)."""
    return component_kinds().get(name)


def supports(target: object, name: str) -> bool:
    """Whether a target (an object with a ``name``) can render component kind ``name``: the
    target's own answer when it gives one (``supports(group, name)``, as for actions and
    sources: a third-party target ships its own implementations), else whether the kind has
    an implementation for it."""
    ask = getattr(target, "supports", None)
    if callable(ask):
        answer = ask(registry.COMPONENTS, name)
        if answer is not None:
            return bool(answer)
    kind = component_kind(name)
    return kind is not None and kind.implementation(str(getattr(target, "name", ""))) is not None


def reset() -> None:
    """Forget every loaded kind and the models built from them (tests that install a plugin
    at run time call this; a process otherwise loads the registry once)."""
    from appforge import spec
    from appforge.spec import registry as spec_registry

    if spec._ready:
        spec_registry.forget(*spec.model_holders())
        spec._ready = False
    registry.entry_point_values.cache_clear()
    component_kinds.cache_clear()
    # A plugin package may register kinds of any group (appforge-charts: a component and a
    # function): forget them all.
    from appforge.kinds import action, function, source

    action.action_kinds.cache_clear()
    function.functions.cache_clear()
    source.source_kinds.cache_clear()
    _loop_scoped_keys.cache_clear()
    spec_registry.component_classes.cache_clear()
    spec_registry.any_component.cache_clear()


@cache
def _loop_scoped_keys(model: type[Any]) -> frozenset[str]:
    """The keys of a model whose value has a scoped role, at any depth (a table's columns
    hold cells read per row)."""
    from appforge.spec.base import role_of

    out = set()
    for name, info in model.model_fields.items():
        role = role_of(info)
        # A key with a role says so itself; plain config (a list of column models) is
        # scoped when a key inside it is.
        scoped = getattr(role, "scoped", False) if role is not None else \
            _has_scoped(info.annotation, set())
        if scoped:
            out.add(info.alias or name)
    return frozenset(out)


def _has_scoped(annotation: Any, seen: set[Any]) -> bool:
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and hasattr(arg, "model_fields") and arg not in seen:
            seen.add(arg)
            if _loop_scoped_keys(arg):
                return True
        elif _has_scoped(arg, seen):
            return True
    return False
