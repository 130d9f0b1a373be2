"""How a matched ledger line is written out: the translation's per-split output layout.

A :class:`Layout` is worked out once per split (and once per account × cost-object pair) and
reused for every line it applies to: one prefix per part — the output head (target account,
then the dimension values in column order), the target account type, the tail (the rule's
row, and with a cost-objects set the cost-object rule's row) — and the integer weights the
line's amount is divided by (largest remainder, :func:`index.allocate`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from migctl.services.mapping.index import FULL, Plan

UNKNOWN = "unknown"

#: (output head: target account + dimension values, target type, tail: rule row [, co row])
Prefix = tuple[list[str], str, tuple[Any, ...]]


class Layout(NamedTuple):
    prefixes: list[Prefix]
    weights: tuple[int, ...] | None  # None: one part at 100 %, the amount goes through whole
    total: int  # the weights' sum: ``full`` when the shares sum to 100 %
    full: int  # the weight of 100 %
    blanks: tuple[int, ...] | None = None  # one part: the positions of its empty cells …
    needs: tuple[int, ...] | None = None  # … those its type requires (None: one of them
    #                                       is no output column, or several parts)


def whole(weights: list[int] | tuple[int, ...], total: int, full: int) -> bool:
    """Whether a line goes through unsplit: one part with all of 100 %."""
    return len(weights) == 1 and total == full


def build(plan: Plan, keys: list[str], *, co_column: bool,
          required_at: dict[str, tuple[int, ...] | None] | None = None) -> Layout:
    """The layout of an account split; ``co_column`` adds an (empty) cost-object row.
    ``required_at`` (type → head positions a type requires) fills ``needs``."""
    prefixes: list[Prefix] = []
    for part in plan.parts:
        values = dict(part.dims)
        prefixes.append(([part.target, *[values.get(key, "") for key in keys]],
                         part.target_type or UNKNOWN,
                         (part.row, "") if co_column else (part.row,)))
    weights = tuple(part.weight for part in plan.parts)
    blanks: tuple[int, ...] | None = None
    needs: tuple[int, ...] | None = None
    if len(prefixes) == 1:
        head, kind, _ = prefixes[0]
        blanks = tuple(at for at, cell in enumerate(head) if not cell)
        needed = (required_at or {}).get(kind, ())
        needs = None if needed is None else tuple(at for at in needed if at in blanks)
    return Layout(prefixes, None if whole(weights, plan.total_weight, FULL) else weights,
                  plan.total_weight, FULL, blanks, needs)
