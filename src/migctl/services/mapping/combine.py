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

The combination works on output layouts (:mod:`layout`): a part's head holds the target
account and the dimension values in column order, so "the account rule wins" is "keep the
account's cell unless it is empty". `mapping translate` combines the common case — one
account rule, one cost-object rule at 100 % (:data:`Single`) — as it writes each line, and
keeps the answer of :meth:`Combiner.combine` per (account split, cost-object split) for the
rest, so a split combination is worked out once, not once per line.
"""

from __future__ import annotations

from migctl.services.mapping.index import FULL, Chain, Match, Plan, RuleIndex
from migctl.services.mapping.layout import Layout, Prefix, whole

#: a cost-object part laid out like an output head: ("", dimension values…), weight, row
CoHead = tuple[list[str], int, int]
#: A value's one cost-object rule at 100 %, laid out like an output head, and its row. With
#: an account rule of one part, a line is combined where it is written: each blank cell of
#: the account's head takes the cost-object rule's cell — exactly what :meth:`combine` does,
#: without building anything per line (the translation loop's common case).
Single = tuple[list[str], int]
#: How lines with one source value are matched: (its match on every day, or None when dated
#: rules make the day matter; its chain; its :data:`Single` when that match is one rule at
#: 100 %). ``(None, None, None)`` for lines without a value.
ValueEntry = tuple[Match | None, Chain | None, Single | None]


class Combiner:
    """Applies one cost-objects set to the account matches of ledger lines."""

    def __init__(self, index: RuleIndex, *, required: dict[str, tuple[str, ...]],
                 dimension: str, label: str, keys: list[str]) -> None:
        self.index = index
        self.dimension = dimension  # the legacy dimension the set maps (kustannuspaikka)
        self.label = label  # NAME@N of the set, for reasons
        self.keys = keys  # the output's dimension columns
        position = {key: at for at, key in enumerate(keys, start=1)}
        #: target account type → (dimension key, its position in a head or None)
        self.required = {kind: tuple((key, position.get(key)) for key in needed)
                         for kind, needed in required.items()}
        #: … the positions alone; None when one of the keys is no output column at all
        self.required_at: dict[str, tuple[int, ...] | None] = {
            kind: None if any(at is None for _, at in pairs)
            else tuple(at for _, at in pairs if at is not None)
            for kind, pairs in self.required.items()}
        self._heads: dict[int, list[CoHead]] = {}  # id(cost-object plan) → its parts laid out

    def value_entry(self, value: str) -> ValueEntry:
        """How lines with source value ``value`` are matched."""
        chain = self.index.account(value).generic
        static = chain.static
        return static, chain, self.single(static)

    def single(self, co: Match | None) -> Single | None:
        """``co`` as a :data:`Single` when it is one rule at 100 %, else None."""
        if co is None or co.plan is None or len(co.plan.parts) != 1 \
                or co.plan.total_weight != FULL:
            return None
        co_head, _, row = self._co_heads(co.plan)[0]
        return co_head, row

    def combine(self, account: Match, layout: Layout, co: Match | None, value: str | None
                ) -> tuple[Match, Layout | None]:
        """What a line becomes whose account split is ``account`` (laid out as ``layout``)
        and whose source value ``value`` (None: the line has none) matched ``co``: the line's
        layout, or why it is not translated (the match to report, and None)."""
        plan = None if co is None else co.plan
        if plan is not None:
            combined = self._merge(layout, plan)
            lacking = self._lacking(combined, value, combined=True)
        elif co is not None and co.code == "M006":
            return Match(None, f"{self.dimension} {value}: {co.reason} in {self.label}",
                         "M006"), None
        else:
            combined = layout
            lacking = self._lacking(layout, value, combined=False)
        return (lacking, None) if lacking is not None else (account, combined)

    def _co_heads(self, plan: Plan) -> list[CoHead]:
        found = self._heads.get(id(plan))  # plans live in the index's cache: ids are stable
        if found is None:
            found = self._heads[id(plan)] = [
                (["", *[dict(part.dims).get(key, "") for key in self.keys]], part.weight,
                 part.row) for part in plan.parts]
        return found

    def _merge(self, layout: Layout, co_plan: Plan) -> Layout:
        heads = self._co_heads(co_plan)
        total, full = layout.total * co_plan.total_weight, layout.full * FULL
        prefixes: list[Prefix] = []
        weights: list[int] = []
        for (head, kind, tail), weight in zip(layout.prefixes, layout.weights or (layout.total,),
                                              strict=True):
            seen: dict[tuple[str, ...], int] = {}  # merged head → its index in ``prefixes``
            for co_head, co_weight, co_row in heads:
                merged = [mine or theirs for mine, theirs in zip(head, co_head, strict=True)]
                at = seen.get(tuple(merged)) if len(heads) > 1 else None
                if at is None:
                    if len(heads) > 1:
                        seen[tuple(merged)] = len(prefixes)
                    prefixes.append((merged, kind, (tail[0], co_row if merged != head else "")))
                    weights.append(weight * co_weight)
                else:  # adds what an earlier cost-object part added: one part
                    weights[at] += weight * co_weight
        return Layout(prefixes, None if whole(weights, total, full) else tuple(weights), total,
                      full)

    def _lacking(self, layout: Layout, value: str | None, *, combined: bool) -> Match | None:
        """M007 for the first part without a dimension its account type requires."""
        for head, kind, tail in layout.prefixes:
            for key, at in self.required.get(kind, ()):
                if at is not None and head[at]:
                    continue
                if combined:
                    why = (f"neither the account rule on row {tail[0]} nor the cost-object "
                           f"rule on row {tail[1]} of {self.label} gives it" if tail[1] != ""
                           else f"neither the account rule on row {tail[0]} nor {self.label} "
                                "gives it")
                elif value is None:
                    why = f"the line has no {self.dimension} for {self.label}"
                else:
                    why = f"no rule of {self.label} applies to {self.dimension} {value}"
                return Match(None, f"target account {head[0]} is {kind} and needs {key}: "
                                   f"{why}", "M007")
        return None
