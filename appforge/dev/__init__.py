"""``appforge dev``: build the web target, serve it on 127.0.0.1, rebuild on save, reload.

:mod:`.rebuild` keeps the last good build in memory (the server never sees a half-built one),
:mod:`.server` serves it with a live-reload event stream, and :func:`run` ties them to a
watchfiles loop. A broken spec never ends the session: the browser shows an overlay with the
diagnostics and the last good build keeps being served.
"""

from appforge.dev.rebuild import DevBuild, Outcome
from appforge.dev.server import DevServer

__all__ = ["DevBuild", "DevServer", "Outcome"]
