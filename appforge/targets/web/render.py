"""The web target: IR -> index.html, app.css, app.js (the runtime, then the app), manifest and
assets."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from appforge import ir
from appforge.kinds.action import action_kinds, used_actions
from appforge.kinds.component import WebComponent, component_kind
from appforge.kinds.source import source_kinds, used_sources
from appforge.origin import origin
from appforge.resources import templates_dir
from appforge.targets.base import RenderOptions
from appforge.targets.web.emit import Emitter, type_descriptor
from appforge.targets.web.escape import js, js_key, json_document, register

INDENT = "  "


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir() / "web")),
        autoescape=select_autoescape(["html", "html.jinja", "svg.jinja"],
                                     default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    register(env)
    return env


class WebTarget:
    """Static files, no framework: see templates/web/ for the runtime and the page shell."""

    name = "web"

    def __init__(self) -> None:
        # The code of each page by page object: the incremental front end (appforge dev)
        # hands back the same ir.Page for a page that did not change, so only edited pages
        # are generated again. Entries keep their page alive, so an id is never reused.
        self._pages: dict[int, tuple[ir.Page, list[str]]] = {}

    def render(self, app: ir.App, options: RenderOptions) -> dict[str, bytes]:
        env = environment()
        files: dict[str, bytes] = {}
        used = used_components(app)
        actions = used_actions(app)
        code = app_js(app, self._pages)
        context = {"app": app, "theme": app.theme, "csp": content_security_policy(app),
                   "dev": options.dev, "used": used, "action_css": action_css(actions),
                   "components_css": components_css(used)}
        files["index.html"] = env.get_template("index.html.jinja").render(context).encode()
        files["app.css"] = _compact_css(env.get_template("app.css.jinja").render(context))
        features = [name for name, wanted in (("data", app.data),
                                              ("analytics", app.analytics)) if wanted]
        # One script, the runtime then the app's code: the page fetches two files (the style
        # sheet and this) before it renders, and one gzip stream compresses both.
        runtime = runtime_js(used, features, called_functions(code), code, actions,
                             used_sources(app))
        files["app.js"] = (runtime + code).encode()
        live = {id(p) for p in app.pages}
        self._pages = {k: v for k, v in self._pages.items() if k in live}
        files["manifest.webmanifest"] = manifest(app).encode()
        files["icon.svg"] = env.get_template("icon.svg.jinja").render(context).encode()
        root = Path(app.project_root)
        for asset in app.assets:
            files[asset] = (root / asset).read_bytes()
        if not options.dev:  # content-hashed names and the hosts' header files (deploy.md)
            from appforge.targets.web.fingerprint import fingerprint
            from appforge.targets.web.headers import header_files

            files = fingerprint(files)
            files.update(header_files(content_security_policy(app), files))
        return files


def _compact_css(text: str) -> bytes:
    """The stylesheet minified by rcssmin (deterministic), one rule a line so that a change
    still reads as one in review (the template stays readable)."""
    import rcssmin

    out: list[str] = []
    quote = ""
    for ch in rcssmin.cssmin(text):
        out.append(ch)
        if quote:
            quote = "" if ch == quote and out[-2:-1] != ["\\"] else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "}":
            out.append("\n")
    return ("".join(out).rstrip("\n") + "\n").encode()


def used_components(app: ir.App) -> list[str]:
    """The component kinds the app's pages use, sorted (both targets ship only these)."""
    found: set[str] = set()
    stack = [c for page in app.pages for c in page.body]
    while stack:
        comp = stack.pop()
        found.add(comp.type)
        for children in comp.slots.values():
            stack.extend(children)
    return sorted(found)


def web_component(name: str) -> WebComponent:
    """The web implementation of a component kind (ValueError when it has none: validate
    reports such a component, E0111, before a build gets here)."""
    kind = component_kind(name)
    implementation = kind.implementation("web") if kind is not None else None
    if not isinstance(implementation, WebComponent):
        raise ValueError(f"the web target has no renderer for component '{name}'")
    return implementation


def components_css(components: list[str]) -> str:
    """The style rules of the components an app uses, in its order (a rule two kinds share,
    such as checkbox's and switch's, once)."""
    lines = (line for name in components for line in web_component(name).css.splitlines())
    return "".join(line + "\n" for line in dict.fromkeys(lines))


@cache
def _runtime_part(name: str, wanted: frozenset[str] = frozenset()) -> str:
    """A runtime file as shipped: minified (the readable source stays in templates/web/),
    without the blocks the app does not need. A block between "// only-with: X | Y" and
    "// end-only" ships only when the app's code contains X or Y (say "A.toast(")."""
    return _strip(_only_with((templates_dir() / "web" / name).read_text(encoding="utf-8"),
                             wanted))


def _only_with(text: str, wanted: frozenset[str]) -> str:
    return _ONLY_WITH.sub(lambda m: m[2] if _needles(m[1]) & wanted else "", text)


_ONLY_WITH = re.compile(r"^ *// only-with: ([^\n]+)\n(.*?)^ *// end-only\n", re.M | re.S)


def _needles(spec: str) -> set[str]:
    return {n.strip() for n in spec.split("|")}


@cache
def _all_needles(name: str) -> frozenset[str]:
    text = (templates_dir() / "web" / name).read_text(encoding="utf-8")
    return frozenset(n for m in _ONLY_WITH.finditer(text) for n in _needles(m[1]))


def called_functions(code: str) -> list[str]:
    """The expression functions generated code calls (the emitter writes them as F.<name>).

    One substring search per function of the language: a regex over the 4.7 MB app.js of the
    300-page benchmark cost 0.1 s."""
    from appforge.kinds.function import functions

    return sorted(name for name in functions() if f"F.{name}(" in code)


def _strip(text: str) -> str:
    """JavaScript without comments and needless white space: rjsmin, which only removes (no
    renaming, no rewriting, so the code and the CSP stay as written) and is deterministic."""
    import rjsmin

    return str(rjsmin.jsmin(text)) + "\n"



# The functions are one block inside the runtime's closure; each kind's web code sets F.<name>
# and may call the runtime's helpers (str, num, eq) and R.m by name.
_FUNCTIONS_HEAD = "{\n  var F = R.fn, m = R.m;\n"


def _web_function(name: str) -> str:
    from appforge.kinds.function import functions

    kinds = functions()
    impl = kinds[name].implementations.get("web") if name in kinds else None
    if impl is None:
        raise ValueError(f"the web target has no function '{name}'")
    return impl.code + "\n"


def _function_needles(names: tuple[str, ...]) -> frozenset[str]:
    """The needles of the functions' own `// only-with:` blocks (where's operators)."""
    return frozenset(n for name in names
                     for m in _ONLY_WITH.finditer(_web_function(name)) for n in _needles(m[1]))


def _functions_source(names: list[str], wanted: frozenset[str]) -> str:
    return _FUNCTIONS_HEAD + "".join(_only_with(_web_function(name), wanted)
                                     for name in names) + "}\n"


def runtime_js(components: list[str], features: list[str] | tuple[str, ...] = (),
               functions: list[str] | tuple[str, ...] = (), code: str | None = None,
               actions: list[str] | tuple[str, ...] | None = None,
               sources: list[str] | tuple[str, ...] = ()) -> str:
    """The shared runtime plus the components, features, expression functions and actions this
    app uses (the component kinds' web.js, templates/web/features/, the function kinds, each
    action kind's web.js); with the app's code, only the runtime blocks it needs, else all
    of them (and every action, when ``actions`` is None)."""
    needles = _all_needles("runtime.js") | _function_needles(tuple(functions))
    wanted = needles if code is None else frozenset(n for n in needles if n in code)
    for name in components:
        web_component(name)
    kinds = action_kinds()
    names = [n for n in kinds if "web" in kinds[n].targets] if actions is None else actions
    for name in names:
        if name not in kinds or "web" not in kinds[name].targets:
            raise ValueError(f"the web target has no action '{name}'")
    return _runtime(tuple(components), tuple(features), tuple(functions), wanted, tuple(names),
                    tuple(sources))


def action_css(names: list[str]) -> str:
    """The style rules of the actions an app uses (toasts), in the registry's order."""
    kinds = action_kinds()
    return "".join(kinds[n].targets["web"].style() for n in names if "web" in kinds[n].targets)


@cache
def _source_code(name: str) -> str:
    return _strip(source_kinds()[name].targets["web"].code())


@cache
def _action_code(name: str) -> str:
    return "{\n" + action_kinds()[name].targets["web"].code() + "}\n"


_COMPONENTS = "  // ---- components: "
_ACTIONS = "  // ---- actions: "
_MANGLE = "obfuscate, strip, newline"


def _mangle(code: str) -> str:
    """JavaScript minified by calmjs.parse, the names local to its functions renamed (the
    runtime's closure is one: its helpers, the components' and the functions' names too);
    deterministic. A parse of the runtime costs about a second, so each result is kept in
    ~/.cache/appforge/runtime/ under the hash of its input."""
    import hashlib
    import os
    from importlib.metadata import version

    from appforge.safeio import read_regular

    # What the key covers: the minifier's version, this function's own way of calling it
    # (_MANGLE, to change with it) and the input
    key = hashlib.sha256(f"{version('calmjs.parse')} {_MANGLE}\n{code}".encode()).hexdigest()[:32]
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = home / "appforge" / "runtime" / f"{key}.js"
    try:
        # Never a FIFO or device planted at the name, never more than a runtime can weigh.
        return read_regular(path, 4 << 20).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    out = str(minify_print(es5(code), obfuscate=True, obfuscate_globals=False)).strip() + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(out, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # no cache: the next build minifies again
    return out


@cache
def _runtime(components: tuple[str, ...], features: tuple[str, ...],
             functions: tuple[str, ...], wanted: frozenset[str],
             actions: tuple[str, ...] = (), sources: tuple[str, ...] = ()) -> str:
    # The components and the expression functions go inside the runtime's closure, each in a
    # block of its own: they call its helpers by name, with no wrapper or import line of
    # their own to ship, and the whole closure is minified as one.
    web = templates_dir() / "web"
    core = _only_with((web / "runtime.js").read_text(encoding="utf-8"), wanted)
    at = core.index(_COMPONENTS)
    blocks = ["{\n" + web_component(name).js + "}\n" for name in components]
    if functions:
        blocks.append(_functions_source(list(functions), wanted))
    closure = core[:at] + "".join(blocks) + core[at:]
    at = closure.index(_ACTIONS)
    closure = closure[:at] + "".join(_action_code(name) for name in actions) + closure[at:]
    parts = ["// appforge web runtime (source: templates/web/runtime.js and components/)\n",
             _mangle(closure)]
    # The data feature, then each source kind's code (which registers in R.sourceKinds), then
    # the others (analytics)
    for name in features:
        parts.append(_mangle(_runtime_part(f"features/{name}.js")))
        if name == "data":
            parts += [_mangle(_source_code(kind)) for kind in sources]
    return "".join(parts)


def content_security_policy(app: ir.App) -> str:
    """No inline script or style, no eval; fetches only to the data sources' origins.

    Every origin is parsed and written again by :func:`appforge.origin.origin` (the checker
    refused any it cannot parse, so a ValueError here is a bug, reported as a failed build):
    nothing from the spec or --env is pasted into the policy."""
    kinds = source_kinds()
    wanted = [o for s in app.data for o in kinds[s.kind].origins(s)]
    origins = sorted({origin(o) for o in wanted if o != "*"})
    dynamic = "*" in wanted
    connect = ["'self'", *origins] + (["https:"] if dynamic else [])
    beacon = origin(app.analytics.url) if app.analytics else None
    if beacon is not None and beacon not in connect:
        connect.append(beacon)
    # The runtime shows images from http(s) and relative URLs; plain http is allowed only to
    # an app that can show one, so that no image it shows is a CSP violation.
    img = "'self' https: http:" if _may_show_http_images(app) else "'self' https:"
    return ("default-src 'none'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; font-src 'self'; manifest-src 'self'; "
            f"connect-src {' '.join(connect)}; base-uri 'none'; form-action 'none'")


def _may_show_http_images(app: ir.App) -> bool:
    """A component whose kind says it may show an image over plain http (an image whose src
    is computed, or a constant http: URL)."""
    stack = [c for page in app.pages for c in page.body]
    while stack:
        comp = stack.pop()
        stack.extend(child for children in comp.slots.values() for child in children)
        kind = component_kind(comp.type)
        web = kind.implementation("web") if kind is not None else None
        if isinstance(web, WebComponent) and web.http_images is not None and \
                web.http_images(comp):
            return True
    return False


def manifest(app: ir.App) -> str:
    data = {"name": app.name, "short_name": app.name[:12], "start_url": "./index.html",
            "display": "standalone", "background_color": app.theme.background,
            "theme_color": app.theme.primary,
            "icons": [{"src": "icon.svg", "sizes": "any", "type": "image/svg+xml"}]}
    if app.description:
        data["description"] = app.description
    return json_document(data)


# ---- app.js --------------------------------------------------------------------------------


def app_js(app: ir.App, cache: dict[int, tuple[ir.Page, list[str]]] | None = None) -> str:
    top = Emitter()
    lines = [
        "// Generated by appforge from the app's spec. Do not edit: change the spec and rebuild.",
        "(function (R) {",
        '  "use strict";',
        "  var D = R.D, A = R.act, F = R.fn;",
        "  var app = {",
        f"    id: {js(app.id)}, name: {js(app.name)}, start: {js(app.start)},",
        f"    nav: {js(list(app.nav))},",
        f"    analytics: {js(_analytics(app))},",
        f"    models: {js(_models(app))},",
        f"    state: {js(_state(app))},",
        # Keyed by names from the spec: no prototype, so "__proto__" or "toString" is a name
        # like another (the runtime keeps every such table this way).
        "    sources: Object.create(null),",
        "    pages: Object.create(null)",
        "  };",
    ]
    for source in app.data:
        lines.append(f"  app.sources[{js(source.name)}] = {_source(top, source)};")
    for page in app.pages:
        hit = cache.get(id(page)) if cache is not None else None
        if hit is None or hit[0] is not page:
            hit = (page, _page(app, page))
            if cache is not None:
                cache[id(page)] = hit
        lines.extend(hit[1])
    lines += ["  R.start(app);", "})(window.AppForge);", ""]
    return "\n".join(lines)


def _analytics(app: ir.App) -> object:
    if app.analytics is None:
        return None
    return {"url": app.analytics.url, "page_views": app.analytics.page_views}


def _models(app: ir.App) -> dict[str, object]:
    # Rules a field does not have are left out (the runtime reads a missing rule as none).
    out: dict[str, object] = {}
    for m in app.models:
        fields = []
        for f in m.fields:
            entry = {"name": f.name, "label": f.label, "type": type_descriptor(f.type),
                     "required": f.required, "d": f.default, "min": f.min, "max": f.max,
                     "min_length": f.min_length, "max_length": f.max_length,
                     "pattern": f.pattern}
            fields.append({k: v for k, v in entry.items() if v is not None and v is not False})
        out[m.name] = fields
    return out


def _state(app: ir.App) -> dict[str, object]:
    return {s.key: {"d": s.default, "persist": s.persist, "t": type_descriptor(s.type)}
            for s in app.state}


def _source(em: Emitter, s: ir.DataSource) -> str:
    """A source's entry in app.sources, written by its kind (validate made sure it has a web
    implementation)."""
    impl = source_kinds()[s.kind].targets.get("web")
    if impl is None:  # validate reports it first (E0111)
        raise ValueError(f"the web target has no data source kind '{s.kind}'")
    return impl.emit(em, s)


def _page(app: ir.App, page: ir.Page) -> list[str]:
    em = Emitter()
    title = page.title
    label = title.expr.value if isinstance(title.expr, ir.Literal_) and not title.deps \
        else page.id.replace("_", " ").capitalize()
    head = (f"  app.pages[{js(page.id)}] = {{path: {js(page.path)}, "
            f"segments: {js(list(page.segments))}, "
            f"params: {js({name: t.kind for name, t in page.params})}, label: {js(label)},")
    lines = [head,
             f"    title: {em.value(title)},",
             f"    onLoad: {em.actions(page.on_load)},",
             "    render: function (P, sc) {"]
    for comp in page.body:
        lines.extend(_component(em, comp, 3))
    lines += ["    }", "  };"]
    return lines


def _component(em: Emitter, comp: ir.Component, depth: int) -> list[str]:
    pad = INDENT * depth
    loop = comp.props.get("as")
    inner = em.with_loop(loop) if isinstance(loop, ir.LoopVar) else em
    props: list[str] = []
    if comp.test_id:
        props.append(f"id: {js(comp.test_id)}")
    if comp.visible is not None:
        props.append(f"visible: {em.value(comp.visible)}")
    if isinstance(loop, ir.LoopVar):
        props.append(f"i: {js(loop.index_symbol)}")
    kind = component_kind(comp.type)
    dynamic = web_component(comp.type).dynamic
    for key, prop in comp.props.items():
        if prop is None:
            continue
        # A key read per item (a list's key, a table's cells) is in the loop's scope.
        scoped = inner is not em and kind is not None and kind.loop_scoped(key)
        key_em = inner if scoped else em
        if key in dynamic and isinstance(prop, ir.Value):  # read as D(deps, fn), never a constant
            value = f"D({js(key_em.deps(prop))}, {key_em.fn(prop)})"
        else:
            value = _prop(key_em, prop)
        props.append(f"{_prop_key(key)}: {value}")
    events = ", ".join(f"{_prop_key(k)}: {(em.actions(v))}" for k, v in comp.events.items() if v)
    slots = [(name, children) for name, children in comp.slots.items() if children]
    head = f"{pad}R.mount({js(comp.type)}, P, sc, {{{', '.join(props)}}}"
    # No events and no children: the runtime reads the missing arguments as empty
    if not slots:
        return [head + (f", {{{events}}}" if events else "") + ");"]
    lines = [f"{head}, {{{events}}}, {{"]
    for i, (name, children) in enumerate(slots):
        slot_em = inner if kind is not None and kind.loop_scoped(name) else em
        lines.append(f"{pad}{INDENT}{_prop_key(name)}: function (P, sc) {{")
        for child in children:
            lines.extend(_component(slot_em, child, depth + 2))
        lines.append(f"{pad}{INDENT}}}" + ("," if i < len(slots) - 1 else ""))
    lines.append(f"{pad}}});")
    return lines


def _prop_key(name: str) -> str:
    """A component's prop or event name (from the component schemas, never the spec's own
    names) as an object key: bare when it is a plain identifier."""
    return name if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", name) and name != "__proto__" \
        else js_key(name)


def _prop(em: Emitter, prop: ir.Prop) -> str:
    if isinstance(prop, ir.Value):
        return em.value(prop)
    if isinstance(prop, ir.Target):
        return em.target(prop)
    if isinstance(prop, ir.LoopVar):
        return js(prop.symbol)
    if isinstance(prop, ir.PropMap):
        return "{" + ", ".join(f"{js_key(k)}: {_prop(em, v)}" for k, v in prop.items) + "}"
    if isinstance(prop, tuple):
        return "[" + ", ".join(_prop(em, p) for p in prop) + "]"
    return js(prop)

