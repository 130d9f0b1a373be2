"""The user's cache folder: what migctl remembers between runs without writing the store.

``MIGCTL_CACHE_DIR``, else ``$XDG_CACHE_HOME/migctl``, else ``~/.cache/migctl``. Entries are
derived data only (a simulation's result, a mapping set's rule tables): losing the folder
only means computing again, so a folder that cannot be written is never an error.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder() -> Path:
    chosen = os.environ.get("MIGCTL_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "migctl"
