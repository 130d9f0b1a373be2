"""Window confidence's programme settings: how status simulates, and the spread of unmeasured tasks.

``migctl status`` runs a fixed number of simulations with a fixed seed, so the same store gives
the same sentence every time and status stays fast; ``task forecast --simulate N --seed S``
overrides both. ``cutover.spread_pct`` is the plan ± share a task without rehearsal actuals
varies by.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from migctl.services.settings import SettingSpec, get, register

if TYPE_CHECKING:
    from migctl.store.db import Db

SIMULATIONS = "cutover.simulations"
SEED = "cutover.simulation_seed"
SPREAD = "cutover.spread_pct"

DEFAULT_SIMULATIONS = 1000
DEFAULT_SEED = 1
DEFAULT_SPREAD_PCT = 20
MAX_SIMULATIONS = 1_000_000


def _whole(low: int, high: int, what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        text = value.strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"{value!r} is not {what} ({low}–{high})")
        return str(int(text))
    return check


register(SettingSpec(SIMULATIONS, "Simulations `status` runs for the window confidence",
                     str(DEFAULT_SIMULATIONS),
                     _whole(1, MAX_SIMULATIONS, "a number of simulations")))
register(SettingSpec(SEED, "Seed of the window-confidence simulations in `status` "
                     "(the same store gives the same figures)", str(DEFAULT_SEED),
                     _whole(0, 2**32 - 1, "a seed")))
register(SettingSpec(SPREAD, "Plan ± this percentage for tasks without rehearsal actuals "
                     "(window confidence)", str(DEFAULT_SPREAD_PCT),
                     _whole(0, 100, "a percentage")))


def _number(db: Db, key: str, default: int) -> int:
    text = get(db, key)
    return int(text) if text.strip().isdigit() else default


def simulations(db: Db) -> int:
    return max(1, _number(db, SIMULATIONS, DEFAULT_SIMULATIONS))


def seed(db: Db) -> int:
    return _number(db, SEED, DEFAULT_SEED)


def spread(db: Db) -> float:
    """The spread as a share (0.2 for 20 %)."""
    return min(100, _number(db, SPREAD, DEFAULT_SPREAD_PCT)) / 100
