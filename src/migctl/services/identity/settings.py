"""The identity section's programme settings: the coverage it aims for.

``identity.coverage_target`` (default 100): below it, an environment's account coverage or a
system's user coverage is a readiness signal (red below, an amber margin is not used: a person
who cannot log in on day one is a fault). ``identity.training_target`` (default 90): below it,
a system's training coverage is amber. Importing this module registers both.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from migctl.services.settings import SettingSpec, get, register

if TYPE_CHECKING:
    from migctl.store.db import Db

COVERAGE_TARGET = "identity.coverage_target"
TRAINING_TARGET = "identity.training_target"
DEFAULT_COVERAGE = Decimal(100)
DEFAULT_TRAINING = Decimal(90)


def _check_pct(value: str) -> str:
    try:
        number = Decimal(value.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a percentage (0–100)") from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise ValueError(f"{value!r} is not a percentage (0–100)")
    return str(int(number)) if number == number.to_integral() else str(number.normalize())


register(SettingSpec(COVERAGE_TARGET, "Account and system-user coverage (%) the identity "
                     "section requires on go-live day", str(DEFAULT_COVERAGE), _check_pct))
register(SettingSpec(TRAINING_TARGET, "Training coverage (%) per system the identity section "
                     "requires", str(DEFAULT_TRAINING), _check_pct))


def _pct(db: Db, key: str, default: Decimal) -> Decimal:
    try:
        return Decimal(_check_pct(get(db, key)))
    except ValueError:
        return default


def coverage_target(db: Db) -> Decimal:
    return _pct(db, COVERAGE_TARGET, DEFAULT_COVERAGE)


def training_target(db: Db) -> Decimal:
    return _pct(db, TRAINING_TARGET, DEFAULT_TRAINING)
