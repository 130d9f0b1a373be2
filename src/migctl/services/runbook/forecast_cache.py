"""Remembered simulation results, so `status` and `report` do not re-run (and re-import NumPy
for) a forecast whose inputs have not changed.

A simulation is a pure function of its inputs: the tasks (keys, draws, dependencies, fixed
starts), the count, the seed, the go-live milestone and the window limit. The cache key is a
SHA-256 of exactly those, of the NumPy version (the random streams) and of the engine's own
source files (a changed engine never reads an old result). Entries are small JSON files in the
user's cache folder (``MIGCTL_CACHE_DIR``, else ``$XDG_CACHE_HOME/migctl``, else
``~/.cache/migctl``); the store is never written, so a read-only store is read as fast. A
folder that cannot be written, or an entry that cannot be read, only means computing again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict, cast

from migctl.cachedir import folder

#: Bump when the shape of :class:`Simulated` changes.
FORMAT = 1


class Simulated(TypedDict):
    """What a forecast keeps of its simulations: percentiles as minutes after the plan start."""

    cutover_end: dict[str, int] | None
    go_live: dict[str, int] | None
    within: float | None
    criticality: list[float]


def _engine_fingerprint() -> str:
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("simulate.py", "confidence.py"):
        digest.update((here / name).read_bytes())
    with contextlib.suppress(PackageNotFoundError):  # numpy is a dependency: always there
        digest.update(version("numpy").encode())
    return digest.hexdigest()


def key(inputs: object) -> str:
    """The entry's name: inputs (JSON-able) + the engine's fingerprint + :data:`FORMAT`."""
    text = json.dumps([FORMAT, _engine_fingerprint(), inputs], sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def remembered(inputs: object, compute: Callable[[], Simulated]) -> Simulated:
    """The result for ``inputs``: read back if an earlier run stored it, else computed and
    stored (best effort)."""
    path = folder() / "forecasts" / f"{key(inputs)}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if _valid(stored):
            return cast(Simulated, stored)
    except (OSError, ValueError):
        pass
    result = compute()
    _store(path, json.dumps(result))
    return result


def _valid(stored: object) -> bool:
    return (isinstance(stored, dict) and set(stored) == set(Simulated.__annotations__)
            and isinstance(stored["criticality"], list))


def _store(path: Path, text: str) -> None:
    """Write through an unpredictable temporary file in the same folder, then rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        Path(name).replace(path)
    except OSError:
        Path(name).unlink(missing_ok=True)
