"""Bytes shipped: an app carries only the runtime parts it uses (the issue's aim: the to-do
example under 10 KB gzip in all)."""

from __future__ import annotations

import gzip

from appforge.pipeline import compile_project
from appforge.targets import RenderOptions, get_target
from appforge.targets.web.fingerprint import original_name
from appforge.targets.web.headers import FILES as HEADER_FILES
from tests.conftest import shared_example


def test_todo_ships_under_10_kb_gzip() -> None:
    app, diagnostics = compile_project(shared_example("todo"))
    assert app is not None, diagnostics
    # What a browser downloads: the hosts' header files are not served.
    files = {original_name(name): data for name, data in
             get_target("web").render(app, RenderOptions()).items() if name not in HEADER_FILES}
    total = sum(len(gzip.compress(data, 9)) for data in files.values())
    assert total < 10 * 1024, total
    runtime = files["app.js"].decode()
    # No data sources, REST, analytics, forms or tables in this app: none of their code.
    for absent in ("R.fetchSource=", "R.rest=", "sendBeacon", "R.validate=",
                   "R.c.table=", "F.sum=", "F.round=", "R.act.toast=", "R.act.navigate="):
        assert absent not in runtime, absent
