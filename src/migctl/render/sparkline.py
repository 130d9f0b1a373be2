"""A Unicode sparkline: values over time in one line of block characters."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal | float | int]) -> str:
    """One block per value, scaled between the lowest and highest; flat series sit mid-way."""
    if not values:
        return ""
    numbers = [float(v) for v in values]
    low, high = min(numbers), max(numbers)
    if high == low:
        return BLOCKS[3] * len(numbers)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[round((v - low) / (high - low) * top)] for v in numbers)
