"""JSON documents with one stable shape: UTC ``Z`` datetimes, ISO dates, money as numbers.

Decimals become JSON numbers (amounts keep their cents: a city's totals stay far below the
15 significant digits a double holds exactly).

The bytes come from orjson (a reconciliation's 3 MB document: 0.15 s with the standard
library's indenting encoder, which is pure Python, against 5 ms), told to hand datetimes,
dates and dataclasses to the same :func:`_default`, so the text is the standard library's
text (``tests/test_jsoncodec.py`` compares the two on random documents; the one difference,
floats below 1e-4 written ``0.00001`` for ``1e-05``, reads back the same). What orjson
refuses — keys that are not strings, integers beyond 64 bits, named tuples, lone surrogates
— goes through the standard library exactly as before. NaN and infinities, which the
standard library writes as `NaN` (not JSON), come out as `null`.
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
    if indent == 2:  # orjson's compact form has no spaces after separators: not the same
        fast = _orjson(document, indent=True)
        if fast is not None:
            return fast.decode() + "\n"
    return json.dumps(document, default=_default, ensure_ascii=False, indent=indent) + "\n"


def to_jsonable(document: Any) -> Any:
    """Plain JSON types only (for JSON columns): the same conversions as :func:`dumps`."""
    fast = _orjson(document, indent=False)
    if fast is not None:
        import orjson

        return orjson.loads(fast)
    return json.loads(json.dumps(document, default=_default, ensure_ascii=False))


def _orjson(document: Any, *, indent: bool) -> bytes | None:
    """``document`` as the standard library would write it, or None where orjson cannot."""
    import orjson

    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
    if indent:
        options |= orjson.OPT_INDENT_2
    try:
        return orjson.dumps(document, default=_default, option=options)
    except (TypeError, orjson.JSONEncodeError):
        return None
