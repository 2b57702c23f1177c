"""Behaviour scenarios as data for the tests that drive a page themselves (the web build from
disk, stale storage, requests an app sends). The examples' behaviour on both targets is in
journey files run by `appforge test` (tests/journeys/). A step is a tuple:

    ("fill", testid, text)          ("click", testid)            ("check", testid)
    ("select", testid, label)       ("text", testid, expected)   ("contains", testid, part)
    ("count", testid, n)            ("visible", testid, bool)    ("disabled", testid, bool)
    ("title", expected)             ("toast", expected)          ("reload",)
    ("back",)                       ("goto", "#/route")          ("wait", ms)
    ("see", text)                   (the page shows the text somewhere)

A test id may end in ``#n`` for the n-th of the elements that share it (list items).

The same steps run against the web build and against the mobile build exported for the web
(react-native-web): ``target="mobile"`` drives native widgets the way a person would (a switch
is tapped, a choice is picked from its options, a toast is an alert).
"""

from __future__ import annotations

import re
from typing import Any

Step = tuple[Any, ...]
TIMEOUT = 15_000  # an expectation waits this long on a busy 2-core machine (ms)


def run(page: Any, steps: list[Step], target: str = "web") -> None:
    from playwright.sync_api import expect

    for step in steps:
        kind, *args = step
        loc = None
        if kind not in ("title", "toast", "reload", "back", "goto", "wait", "see", "unseen"):
            testid, _, nth = str(args[0]).partition("#")
            loc = page.get_by_test_id(testid)
            loc = loc.nth(int(nth)) if nth else loc
        if kind == "fill":
            loc.fill(args[1])
        elif kind == "click":
            loc.click()
        elif kind == "check":
            loc.click() if target == "mobile" else loc.check()
        elif kind == "select":
            if target == "mobile":
                loc.get_by_text(args[1], exact=True).click()
            else:
                loc.select_option(label=args[1])
        elif kind == "text":
            expect(loc).to_have_text(args[1], timeout=TIMEOUT)
        elif kind == "contains":
            expect(loc).to_contain_text(args[1], timeout=TIMEOUT)
        elif kind == "count":
            expect(loc).to_have_count(args[1], timeout=TIMEOUT)
        elif kind == "visible":
            (expect(loc).to_be_visible if args[1] else expect(loc).to_be_hidden)(timeout=TIMEOUT)
        elif kind == "disabled":
            (expect(loc).to_be_disabled if args[1] else expect(loc).to_be_enabled)(
                timeout=TIMEOUT)
        elif kind == "title":
            expect(page).to_have_title(args[0], timeout=TIMEOUT)
        elif kind == "toast":
            role = "alert" if target == "mobile" else "status"
            expect(page.get_by_role(role)).to_contain_text(args[0], timeout=TIMEOUT)
        elif kind == "reload":
            page.reload()
        elif kind == "back":
            page.go_back()
        elif kind == "goto":
            page.goto(re.sub(r"#.*$", "", page.url) + args[0])
        elif kind == "see":
            expect(page.locator("body")).to_contain_text(args[0], timeout=TIMEOUT)
        elif kind == "unseen":
            expect(page.get_by_text(args[0], exact=True)).to_be_hidden(timeout=TIMEOUT)
        elif kind == "wait":
            page.wait_for_timeout(args[0])
        else:  # pragma: no cover - a typo in a scenario
            raise ValueError(f"unknown step {step!r}")


TODO = [
    ("text", "open-count", "0 open of 0"),
    ("disabled", "add", True),
    ("fill", "new-task", "Buy milk"),
    ("disabled", "add", False),
    ("click", "add"),
    ("text", "new-task", ""),
    ("fill", "new-task", "Walk the dog"),
    ("click", "add"),
    ("count", "tasks-item", 2),
    ("text", "open-count", "2 open of 2"),
    ("check", "done#0"),
    ("text", "open-count", "1 open of 2"),
    ("select", "filter", "open"),
    ("visible", "delete#0", False),
    ("visible", "delete#1", True),
    ("select", "filter", "all"),
    ("reload",),
    ("count", "tasks-item", 2),
    ("text", "open-count", "1 open of 2"),
    ("click", "delete#0"),
    ("count", "tasks-item", 1),
    ("text", "open-count", "1 open of 1"),
    ("click", "nav-about"),
    ("title", "About"),
    ("text", "about-text", "Tasks are kept on this device."),
    ("back",),
    ("title", "Tasks"),
]

SIGNUP = [
    ("click", "signup-submit"),
    ("text", "signup-name-error", "Name is required"),
    ("text", "signup-email-error", "Email is required"),
    ("text", "signup-age-error", "Age is required"),
    ("text", "signup-password-error", "Password is required"),
    ("fill", "signup-name", "Ann"),
    ("fill", "signup-email", "ann@nowhere"),
    ("fill", "signup-age", "17"),
    ("fill", "signup-password", "short"),
    ("click", "signup-submit"),
    ("text", "signup-name-error", ""),
    ("contains", "signup-email-error", "e-mail"),
    ("contains", "signup-age-error", "at least 18"),
    ("contains", "signup-password-error", "at least 8"),
    ("fill", "signup-email", "ann@example.com"),
    ("fill", "signup-age", "30"),
    ("fill", "signup-password", "long enough"),
    ("click", "signup-submit"),
    ("toast", "Welcome, Ann!"),
    ("title", "Members (1)"),
    ("count", "members-item", 1),
    ("text", "total-age", "Total age: 30"),
    ("visible", "no-members", False),
    ("reload",),
    ("count", "members-item", 1),
    ("click", "clear"),
    ("visible", "no-members", True),
    ("count", "members-item", 0),
]
