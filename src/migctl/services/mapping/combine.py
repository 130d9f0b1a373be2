"""Account rules and cost-object rules applied together to one ledger line.

The account rule gives the target account (and any dimensions it names); the cost-object rule
for the line's source value (its cost centre, or whatever legacy dimension the cost-objects
set maps) gives the remaining dimensions — where both name one, the account rule wins. Splits
on both sides combine: every account part × every cost-object part, weighted by the product of
the shares (100 % = ``FULL``²), so the shared largest-remainder allocation still makes the
parts of a line sum exactly to the line. Cost-object parts that add the same dimensions to an
account part (they differ only where the account rule overrides them) merge into one part,
so a cost-object split the account rule already decides adds no lines.

A value without a cost-object rule adds nothing; an ambiguous one (several splits apply)
leaves the line untranslated (M006). Finally every part must carry the dimensions its target
account's type requires; a line with a part that lacks one is untranslated (M007).

Combined matches are worked out once per (account split, cost-object split) and kept, so a
million lines cost a few dictionary lookups each.
"""

from __future__ import annotations

from datetime import date

from migctl.services.mapping.index import Chain, Match, Part, Plan, RuleIndex
from migctl.services.mapping.rules import Dims

#: (the value's match on every day, or None when dated rules make the day matter; its chain)
_ValueEntry = tuple[Match | None, Chain]


class Combiner:
    """Applies one cost-objects set to the account matches of ledger lines."""

    def __init__(self, index: RuleIndex, *, required: dict[str, tuple[str, ...]],
                 dimension: str, label: str) -> None:
        self.index = index
        self.required = required  # target account type → dimension keys it needs
        self.dimension = dimension  # the legacy dimension the set maps (kustannuspaikka)
        self.label = label  # NAME@N of the set, for reasons
        self._values: dict[str, _ValueEntry] = {}
        self._combined: dict[tuple[int, int], Match] = {}  # (id(account), id(co)) → match
        self._complete: dict[int, bool] = {}  # id(account) → its parts need nothing more
        self._lacking: dict[tuple[int, str | None], Match] = {}  # … else the M007 per value

    def value_match(self, value: str, day: date) -> Match:
        """The cost-object split that applies to ``value`` on ``day`` (or why none does)."""
        entry = self._values.get(value)
        if entry is None:
            chain = self.index.account(value).generic
            entry = self._values[value] = (chain.static, chain)
        static, chain = entry
        return static if static is not None else self.index.evaluate(chain, day)

    def combine(self, account: Match, value: str | None, day: date) -> Match:
        """What a line with the account match ``account`` (which has a plan) and source value
        ``value`` becomes."""
        if value is not None:
            co = self.value_match(value, day)
            if co.plan is not None:
                key = (id(account), id(co))  # both live in their index's plan cache
                found = self._combined.get(key)
                if found is None:
                    found = self._combined[key] = self._merge(account, co)
                return found
            if co.code == "M006":
                return Match(None, f"{self.dimension} {value}: {co.reason} in {self.label}",
                             "M006")
        complete = self._complete.get(id(account))
        if complete is None:
            complete = self._complete[id(account)] = self._require(account, value) is account
        if complete:
            return account
        found = self._lacking.get((id(account), value))
        if found is None:
            found = self._lacking[(id(account), value)] = self._require(account, value)
        return found

    def _merge(self, account: Match, co: Match) -> Match:
        assert account.plan is not None and co.plan is not None
        parts: list[Part] = []
        for part in account.plan.parts:
            named = {key for key, _ in part.dims}
            weights: dict[Dims, int] = {}  # dimensions added → cost-object weight
            rows: dict[Dims, int | None] = {}  # … and the first cost-object row adding them
            for co_part in co.plan.parts:
                extra = tuple((k, v) for k, v in co_part.dims if k not in named)
                if extra in weights:
                    weights[extra] += co_part.weight
                else:
                    weights[extra] = co_part.weight
                    rows[extra] = co_part.row if extra else None
            for extra, weight in weights.items():
                parts.append(Part(part.target, tuple(sorted(part.dims + extra)),
                                  part.weight * weight, part.row, part.target_type, rows[extra]))
        plan = Plan(tuple(parts), account.plan.total_weight * co.plan.total_weight,
                    account.plan.full * co.plan.full)
        return self._require(Match(plan, None), None, co_rows=True)

    def _require(self, match: Match, value: str | None, *, co_rows: bool = False) -> Match:
        """``match`` itself when every part has the dimensions its account type requires,
        else the line is untranslated (M007) with the first part that lacks one."""
        assert match.plan is not None
        for part in match.plan.parts:
            needed = self.required.get(part.target_type or "", ())
            given = {key for key, _ in part.dims}
            for key in needed:
                if key in given:
                    continue
                if co_rows:
                    why = (f"neither the account rule on row {part.row} nor the cost-object "
                           f"rule on row {part.cost_object_row} of {self.label} gives it"
                           if part.cost_object_row is not None else
                           f"neither the account rule on row {part.row} nor {self.label} "
                           "gives it")
                elif value is None:
                    why = f"the line has no {self.dimension} for {self.label}"
                else:
                    why = f"no rule of {self.label} applies to {self.dimension} {value}"
                return Match(None, f"target account {part.target} is {part.target_type} and "
                                   f"needs {key}: {why}", "M007")
        return match
