"""Per-domain parts of the en/fi catalogue, merged into :mod:`migctl.render.i18n` at import.

Why: one dictionary edited by every change is where parallel work collides. A domain keeps its
labels in ``render/catalogue/<domain>.py`` as ``LABELS: dict[str, tuple[str, str]]`` (key →
(English, Finnish)) and, for the status signals it raises, ``FI_SIGNALS`` (code → Finnish
sentence from the signal's params). Every module of this package is found by name, so adding
a domain's words touches no shared file; a key defined twice is an error at import (tested).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

Labels = dict[str, tuple[str, str]]
# signal params are the open JSON objects of status documents
Sayers = dict[str, Callable[[dict[str, Any]], str]]


def _modules() -> Iterator[ModuleType]:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda found: found.name):
        yield importlib.import_module(f"{__name__}.{info.name}")


def merge(labels: Labels, sayers: Sayers) -> None:
    """Add every domain module's words to ``labels`` and ``sayers``; a key twice is a bug."""
    for module in _modules():
        for name, into in (("LABELS", labels), ("FI_SIGNALS", sayers)):
            part: dict[str, Any] = getattr(module, name, {})  # either table's value type
            twice = sorted(set(part) & set(into))
            if twice:
                raise RuntimeError(f"{module.__name__}.{name} defines again: {', '.join(twice)}")
            into.update(part)
