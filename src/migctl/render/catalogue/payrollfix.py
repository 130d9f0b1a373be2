"""Words of the payroll fixes: a side without an amount in the payroll run's check messages."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # a difference's amount on a side that has none (missing employee or pay, unmapped line)
    "payrollfix.missing_side": ("missing", "puuttuu"),
}
