"""``appforge ai``: draft and edit specs with a model, only ever writing a spec that compiles.

:mod:`.client` talks to any OpenAI-compatible server through the real SDK; :mod:`.prompt`
says what the language is and picks example specs; :mod:`.reply` turns a reply into spec data
and spec data into YAML; :mod:`.compose` runs the repair loop through the compiler;
:mod:`.apply` writes drafts and applies edits with a snapshot first.
The ``openai`` package is an optional extra, imported only here.
"""

from appforge.ai.client import AIError, ChatClient
from appforge.ai.compose import Composed, NoValidSpec, compose

__all__ = ["AIError", "ChatClient", "Composed", "NoValidSpec", "compose"]
