"""The mobile target's npm packages, the same cached install the mobile tests use."""

from tests.mobile.conftest import node_modules

__all__ = ["node_modules"]
