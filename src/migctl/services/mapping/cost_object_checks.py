"""The checks of a cost-objects set (*laskentatunnistemalli*); pure, no store access.

A cost-objects set maps values of one legacy dimension (cost centres…) to target dimension
values. It shares with account sets the duplicate (M010), split (M005), overlap (M006),
dimension value (M008) and validity (M011) checks, and adds its own coverage and source
checks:

- **M012** (error): an active value of the legacy dimension that is not a parent of other
  values has no rule (with ``--balances``: a value carrying money has no rule that applies);
- **M013** (warning): a source value is not in the legacy dimension (a range: holds none).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from decimal import Decimal

from migctl.checks import CheckReport, Finding
from migctl.services.mapping.balance_check import MissingFinding
from migctl.services.mapping.checks import (
    CODES,
    COST_OBJECT_ONLY_CODES,
    SEVERITY,
    RuleChecks,
    _in_merged,
    _merged_ranges,
    coverage_pct,
)
from migctl.services.mapping.fields import SourceSpec
from migctl.services.mapping.ledger import cents_decimal
from migctl.services.mapping.references import DimensionView
from migctl.services.mapping.rules import Dims, Rule

SHARED_CODES = ("M005", "M006", "M008", "M010", "M011")
#: The codes a cost-objects set's report runs, in code order.
COST_OBJECT_CODES = [c for c in CODES if c.code in SHARED_CODES] + COST_OBJECT_ONLY_CODES


def dims_text(dims: Dims) -> str:
    """``vastuuyksikko=130700 palveluluokka=1100`` for messages."""
    return " ".join(f"{key}={value}" for key, value in dims) or "(no dimensions)"


def co_finding(code: str, message: str, *, file: str | None, row: int | None,
               source: str | None, dims: Dims | None = None) -> Finding:
    """A finding about a cost-objects set: its JSON carries ``source`` and ``dimensions``."""
    return Finding(code, SEVERITY[code], message, file=file, row=row, subject=source,
                   data={"source": source, "dimensions": None if dims is None else dict(dims)})


class CostObjectChecker(RuleChecks):
    """Runs every check of a cost-objects set whose sources are values of ``source``."""

    def __init__(self, *, rules: list[Rule], file: str, source: DimensionView,
                 dimensions: dict[str, DimensionView], report: CheckReport) -> None:
        super().__init__(rules=rules, file=file, dimensions=dimensions, report=report)
        self.source = source
        self._codes: dict[int, list[str]] = {}  # code length → the dimension's codes, sorted

    def add(self, code: str, message: str, rule: Rule | None = None, *,
            file: str | None = None, row: int | None = None, source: str | None = None,
            target: str | None = None) -> None:
        dims: Dims | None = None
        if rule is not None:
            file, row, dims = self.file, rule.row, rule.dims
            source = str(rule.source) if source is None else source
        self.report.add(co_finding(code, message, file=file, row=row, source=source,
                                   dims=dims))

    def describe(self, rule: Rule) -> str:
        return f"{rule.source} → {dims_text(rule.dims)}"

    def scope(self, rule: Rule) -> str:
        return ""

    # M008, M011, M013 -------------------------------------------------------------------
    def check_rules(self) -> None:
        by_source: dict[SourceSpec, list[tuple[str, str]]] = {}
        by_dimensions: dict[Dims, list[tuple[str, str]]] = {}
        for rule in self.unique:
            self.check_validity(rule)
            source = by_source.get(rule.source)
            if source is None:
                source = by_source[rule.source] = self.source_verdicts(rule.source)
            values = by_dimensions.get(rule.dims)
            if values is None:
                values = by_dimensions[rule.dims] = self.value_verdicts(rule.dims)
            for code, message in (*source, *values):
                self.add(code, message, rule)

    def source_verdicts(self, source: SourceSpec) -> list[tuple[str, str]]:
        """M013: the source value is not in the legacy dimension (a range holds none)."""
        key = self.source.key
        if not source.is_range:
            if source.first not in self.source.values:
                return [("M013", f"{key} {source.first} is not a value of dimension {key}")]
            return []
        codes = self._codes_of_length(len(source.first))
        if bisect_right(codes, source.last) == bisect_left(codes, source.first):
            return [("M013", f"range {source} holds no value of dimension {key}")]
        return []

    def _codes_of_length(self, length: int) -> list[str]:
        found = self._codes.get(length)
        if found is None:
            found = self._codes[length] = sorted(c for c in self.source.values
                                                 if len(c) == length)
        return found

    # M012 -------------------------------------------------------------------------------
    def check_coverage(self) -> Decimal:
        """Every active value that is not a parent of others needs a rule (of any validity:
        a value retired on a date keeps its rules up to that date)."""
        exact = {r.source.first for r in self.unique if not r.source.is_range}
        ranges = _merged_ranges(r.source for r in self.unique if r.source.is_range)
        active = [code for code in self.source.postable() if self.source.values[code]]
        covered = 0
        key = self.source.key
        for code in active:
            if code in exact or _in_merged(ranges, code):
                covered += 1
            else:
                name = self.source.names.get(code, "")
                self.add("M012", f"active {key} {code}{' ' + name if name else ''} has no "
                                 "rule", file=self.source.file, row=self.source.rows.get(code),
                         source=code)
        return coverage_pct(covered, len(active))


def balance_finding(key: str) -> MissingFinding:
    """M012 for a value of dimension ``key`` that carries money but has no applicable rule
    (the ``missing_finding`` of :func:`balance_check.check_balances`)."""

    def make(file: str, row: int, value: str, _centre: str | None, cents: int, count: int,
             when: date) -> Finding:
        noun = "line" if count == 1 else "lines"
        return co_finding("M012", f"{key} {value} has a balance of {cents_decimal(cents)} "
                                  f"({count} {noun}) but no cost-object rule applies on {when}",
                          file=file, row=row, source=value)

    return make
