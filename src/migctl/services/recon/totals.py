"""Control totals: per period, per account class (first digit), per target account, overall —
legacy, translated, target and their difference (``target - legacy``), all in integer cents.

The legacy side is summed by the legacy lines' own period; per class, the legacy column is what
the mapping carried into the class plus the untranslated amounts by their legacy account's class,
so each class's difference is explained by the differences of its keys. Translated and target
are summed by the key's period and the target account's class.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from migctl.services.mapping.ledger import cents_decimal
from migctl.services.recon.documents import AccountTotals, ClassTotals, PeriodTotals, Totals
from migctl.services.recon.fields import account_class


@dataclass
class Sums:
    """The four columns of one row of control totals, in cents."""

    legacy: int = 0
    translated: int = 0
    target: int = 0

    @property
    def difference(self) -> int:
        return self.target - self.legacy


def _totals(sums: Sums) -> Totals:
    return {"legacy": cents_decimal(sums.legacy), "translated": cents_decimal(sums.translated),
            "target": cents_decimal(sums.target), "difference": cents_decimal(sums.difference)}


@dataclass
class ControlTotals:
    overall: Sums = field(default_factory=Sums)
    periods: defaultdict[str, Sums] = field(default_factory=lambda: defaultdict(Sums))
    classes: defaultdict[str, Sums] = field(default_factory=lambda: defaultdict(Sums))
    accounts: defaultdict[str, Sums] = field(default_factory=lambda: defaultdict(Sums))

    def add_legacy(self, period: str, cents: int) -> None:
        """Legacy lines by their period (the overall and per-period legacy column)."""
        self.overall.legacy += cents
        self.periods[period].legacy += cents

    def add_class_legacy(self, account: str, cents: int) -> None:
        """The legacy column of a class: what the mapping carried into the class's target
        accounts, plus what it could not carry by the legacy account's own class."""
        self.classes[account_class(account)].legacy += cents

    def add_side(self, side: str, periods: Mapping[str, int],
                 accounts: Mapping[str, int]) -> None:
        """One side ("translated" or "target") already summed by period and by target
        account (as SQL sums them on the columnar path)."""
        classes: defaultdict[str, int] = defaultdict(int)
        for account, cents in accounts.items():
            classes[account_class(account)] += cents
        for rows, sums in ((self.periods, periods), (self.classes, classes),
                           (self.accounts, accounts)):
            for name, cents in sums.items():
                row = rows[name]
                setattr(row, side, getattr(row, side) + cents)
        setattr(self.overall, side, getattr(self.overall, side) + sum(periods.values()))

    @property
    def difference(self) -> int:
        return self.overall.difference

    def totals(self) -> Totals:
        return _totals(self.overall)

    def by_period(self) -> list[PeriodTotals]:
        return [{"period": period or None, **_totals(sums)}
                for period, sums in sorted(self.periods.items())]

    def by_account_class(self) -> list[ClassTotals]:
        return [{"account_class": name, **_totals(sums)}
                for name, sums in sorted(self.classes.items())]

    def by_account(self) -> list[AccountTotals]:
        """Per target account: translated against target (the legacy side has no target
        account)."""
        return [{"account": account, "translated": cents_decimal(sums.translated),
                 "target": cents_decimal(sums.target),
                 "difference": cents_decimal(sums.target - sums.translated)}
                for account, sums in sorted(self.accounts.items())]
