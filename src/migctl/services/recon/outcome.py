"""The outcome of one comparison and the run document built from it.

Both engines end here: the differences (each with one cause), how many keys matched, the
control totals. ``explained`` is checked, not assumed: the differences' sum is compared with
the control totals' difference, which is summed independently from the sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from migctl.services.mapping.ledger import cents_decimal
from migctl.services.recon.causes import Found, count, order
from migctl.services.recon.documents import AcceptedBy, Difference, ReconDocument
from migctl.services.recon.fields import DEFAULT_LIMIT, UNTRANSLATED
from migctl.services.recon.totals import ControlTotals

#: The key of an untranslated legacy balance (it has no target key: the mapping gave none).
UNTRANSLATED_KEY = ("account", "cost_centre", "period")


@dataclass
class Outcome:
    name: str
    kind: str
    key_names: tuple[str, ...]
    found: list[Found]
    matched: int
    totals: ControlTotals
    amount_column: str | None = None  # items: the column whose amounts are totalled
    legacy_rows: int = 0
    target_rows: int = 0
    counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.found = order(self.found)
        self.counts = count(self.found, self.matched)

    @property
    def clean(self) -> bool:
        return not any(item.failing for item in self.found)

    @property
    def explained_cents(self) -> int:
        return sum(item.difference for item in self.found)

    @property
    def explained(self) -> bool:
        return self.explained_cents == self.totals.difference

    @property
    def unexplained_cents(self) -> int:
        """Euros not explained: the size of every failing difference (a misposting by the
        amount it moved)."""
        return sum(abs(item.moved if item.moved is not None else item.difference)
                   for item in self.found if item.failing)

    def key_dict(self, item: Found, key: tuple[str, ...]) -> dict[str, str]:
        cause = item.decision.cause if item.decision is not None else item.cause
        names = UNTRANSLATED_KEY if cause == UNTRANSLATED and self.kind == "balances" \
            else self.key_names
        return dict(zip(names, key, strict=True))

    def difference(self, item: Found) -> Difference:
        amounts = item.column is None or item.column == self.amount_column
        doc: Difference = {
            "cause": item.cause,
            "key": self.key_dict(item, item.key),
            "legacy": _amount(item.legacy) if amounts else item.legacy_value,
            "target": _amount(item.target) if amounts else item.target_value,
            "difference": cents_decimal(item.difference),
            "other_key": None if item.other_key is None else
            self.key_dict(item, item.other_key),
        }
        if item.column is not None:
            doc["column"] = item.column
        if item.moved is not None:
            doc["moved"] = cents_decimal(item.moved)
        if item.decision is not None:
            accepted: AcceptedBy = {"by": item.decision.by, "reason": item.decision.reason,
                                    "cause": item.decision.cause}
            doc["accepted"] = accepted
        return doc

    def document(self, *, limit: int = DEFAULT_LIMIT, run_id: int | None = None,
                 cutover_run: str | None = None) -> ReconDocument:
        shown = self.found[:limit]
        totals = self.totals
        return {
            "recon": self.name,
            "kind": self.kind,
            "run_id": run_id,
            "cutover_run": cutover_run,
            "clean": self.clean,
            "counts": self.counts,
            "totals": totals.totals(),
            "explained": self.explained,
            "by_period": totals.by_period(),
            "by_account_class": totals.by_account_class(),
            "by_account": totals.by_account(),
            "differences": [self.difference(item) for item in shown],
            "truncated": len(self.found) > len(shown),
        }


def _amount(cents: int | None) -> Decimal | None:
    return None if cents is None else cents_decimal(cents)
