"""Fixtures of the kind tests: the mobile toolchain of tests/mobile."""

from tests.mobile.conftest import node_modules  # noqa: F401
