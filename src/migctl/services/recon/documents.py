"""The documents a reconciliation builds: one run (``recon run -f json``), its parts, and the
stored definitions. Amounts are exact ``Decimal`` s (JSON numbers with their cents)."""

from __future__ import annotations

from decimal import Decimal
from typing import NotRequired, TypedDict


class Difference(TypedDict):
    """One difference and its one cause. ``difference`` is ``target - legacy`` over the keys it
    covers (both keys of a misposting pair, so a pair nets to what is left unexplained by the
    move: zero when the amounts are equal). ``other_key`` names the key a misposted amount went
    to. Items: ``legacy``/``target`` hold the differing column's values (``column``), and
    ``difference`` is the record's difference in the amount column."""

    cause: str
    key: dict[str, str]
    legacy: Decimal | str | None
    target: Decimal | str | None
    difference: Decimal
    other_key: dict[str, str] | None
    column: NotRequired[str]
    moved: NotRequired[Decimal]
    accepted: NotRequired[AcceptedBy]


class AcceptedBy(TypedDict):
    by: str
    reason: str
    cause: str


class Totals(TypedDict):
    legacy: Decimal
    translated: Decimal
    target: Decimal
    difference: Decimal


class PeriodTotals(Totals):
    period: str | None


class ClassTotals(Totals):
    account_class: str


class AccountTotals(TypedDict):
    account: str
    translated: Decimal
    target: Decimal
    difference: Decimal


class ReconDocument(TypedDict):
    recon: str
    kind: str
    run_id: int | None
    cutover_run: str | None
    clean: bool
    counts: dict[str, int]
    totals: Totals
    explained: bool
    by_period: list[PeriodTotals]
    by_account_class: list[ClassTotals]
    by_account: list[AccountTotals]
    differences: list[Difference]
    truncated: bool
    inputs: NotRequired[InputsDocument]
    version: NotRequired[int]
    finished_at: NotRequired[str | None]


class InputFile(TypedDict):
    file: str
    sha256: str
    rows: int


class InputsDocument(TypedDict):
    legacy: InputFile
    target: InputFile
    mapping: str | None


class DefinitionDocument(TypedDict):
    name: str
    kind: str
    version: int
    legacy: str
    target: str
    system: str | None
    mapping_set: str | None
    cost_objects: str | None
    tolerance: Decimal
    keys: list[str]
    compare: list[str]
    description: str
    created_at: str | None
    updated_at: str | None
    # payroll only: the wage-type mapping and key map files, the relative tolerance (%)
    wage_types: NotRequired[str]
    key_map: NotRequired[str | None]
    tolerance_pct: NotRequired[Decimal]


class DecisionDocument(TypedDict):
    """An accepted difference (``recon accept``); payroll's too."""

    key: list[str]  # the key's parts; payroll: [pseudonym, income type(, period)], ["pattern:ID"]
    cause: str
    difference: Decimal | None  # None: not kept (payroll decisions, in `recon decisions`)
    reason: str
    by: str
    decided_at: str | None
    active: bool


class RunSummary(TypedDict):
    """One stored run, as ``recon history`` lists it and the gate/status adapters read it."""

    run_id: int
    recon: str
    kind: str
    version: int
    cutover_run: str | None
    clean: bool
    counts: dict[str, int]
    legacy: Decimal
    target: Decimal
    difference: Decimal
    unexplained: Decimal
    legacy_file: str
    legacy_sha256: str
    target_file: str
    target_sha256: str
    finished_at: str | None
