"""Commands that live in their own modules; each module attaches its commands to ``kg.cli.main``.

A module here imports ``from kg.cli import main`` (plus shared options) and decorates its functions
with ``@main.command()``; :func:`register` imports them all when the CLI starts.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__ = ["register"]


def register() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}")
