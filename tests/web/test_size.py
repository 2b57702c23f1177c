"""Bytes shipped: an app carries only the runtime parts it uses, minified (issue 18: the to-do
example ships fewer gzip bytes, HTML + CSS + JS, than the same app built with Preact 11 and
Vite with the same style sheet: 8,041 in bench/bench_web_runtime.py; it ships 7,964)."""

from __future__ import annotations

import gzip

from appforge.pipeline import compile_project
from appforge.targets import RenderOptions, get_target
from appforge.targets.web.fingerprint import original_name
from tests.conftest import shared_example


def test_todo_ships_fewer_bytes_than_preacts() -> None:
    app, diagnostics = compile_project(shared_example("todo"))
    assert app is not None, diagnostics
    # Keyed by plain names (app.js for app.<hash>.js); the hosts' header files are not served.
    files = {original_name(name): data
             for name, data in get_target("web").render(app, RenderOptions()).items()}
    shipped = {name: len(gzip.compress(data, 9)) for name, data in files.items()
               if name.endswith((".html", ".css", ".js"))}
    assert sorted(shipped) == ["app.css", "app.js", "index.html"]
    assert sum(shipped.values()) < 8041, shipped
    runtime = files["app.js"].decode()
    # No data sources, REST, analytics, forms, tables, toasts or navigation actions in this
    # app: none of their code.
    for absent in ("R.fetchSource=", "R.rest=", "sendBeacon", "R.validate=",
                   "R.c.table=", "F.sum=", "F.round=", "R.act.toast=", "R.act.navigate=",
                   "function parseParam"):
        assert absent not in runtime, absent


def test_where_ships_its_operators_only_to_an_app_that_uses_them() -> None:
    """where()'s operator code is an `// only-with:` block keyed by the operator literals as
    the web emitter writes them: each operator brings it, the equality form does not."""
    from appforge.kinds.functions._lists import OPERATORS
    from appforge.targets.web.escape import js
    from appforge.targets.web.render import runtime_js

    plain = runtime_js([], functions=["where"], code=f"F.where(x, {js('n')}, 1)")
    assert '"contains"' not in plain
    for op in OPERATORS:
        code = f"F.where(x, {js('n')}, {js(op)}, 1)"
        assert '"contains"' in runtime_js([], functions=["where"], code=code), op
