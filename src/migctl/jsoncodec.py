"""JSON documents with one stable shape: UTC ``Z`` datetimes, ISO dates, money as numbers.

Decimals become JSON numbers (amounts keep their cents: a city's totals stay far below the
15 significant digits a double holds exactly).
"""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from migctl.values import iso_utc


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(document: Any, *, indent: int | None = 2) -> str:
    return json.dumps(document, default=_default, ensure_ascii=False, indent=indent) + "\n"


def to_jsonable(document: Any) -> Any:
    """Plain JSON types only (for JSON columns): the same conversions as :func:`dumps`."""
    return json.loads(json.dumps(document, default=_default, ensure_ascii=False))
