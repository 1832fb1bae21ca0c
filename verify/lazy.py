"""Package entries that import a name's module only when the name is first used.

`from verify.services import NewClaim` then costs the claims service alone, not every service (and
SQLAlchemy, dateparser, the matcher) as a plain `__init__` full of imports would: a command's first call
pays only for what it uses, and `verify --help` for nothing (issue #18).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping
from importlib import import_module


class LazyPackage(types.ModuleType):
    """A package whose public names (`_HOMES`: name -> submodule) are imported on first use."""

    _HOMES: Mapping[str, str] = {}

    def __getattr__(self, name: str) -> object:
        home = self._HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{self.__name__}.{home}"), name)
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: object) -> None:
        """A submodule named like the function it defines (`queries.review_queue`) never hides the function:
        importing the submodule would otherwise set the package's attribute to the module."""
        if isinstance(value, types.ModuleType) and self._HOMES.get(name) == name:
            return
        super().__setattr__(name, value)


def make_lazy(package: str, homes: Mapping[str, str]) -> None:
    """Turn the (already imported) `package` into a `LazyPackage` serving `homes`."""
    module = sys.modules[package]
    module.__dict__["_HOMES"] = dict(homes)
    module.__class__ = LazyPackage
