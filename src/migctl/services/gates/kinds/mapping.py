"""``mapping-valid:SET`` and ``reconciled:SET``: the mapping set's current version validated
without errors, or used in a translation that reconciled to the cent with 100 % coverage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypedDict, TypeVar

from sqlalchemy import Row, or_, select

from migctl.services.gates.criterion import Context, Names, Outcome, checked_name
from migctl.services.kpis.fields import plain
from migctl.store.db import columns_except, execute
from migctl.store.tables import MAPPING_SET, TRANSLATION_RUN, VALIDATION_RUN

if TYPE_CHECKING:
    from migctl.store.db import Db

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class _OnSet:
    """A criterion on one mapping set, written ``KIND:SET`` (criteria of different kinds on
    the same set are not equal)."""

    kind: ClassVar[str]
    set_name: str

    @property
    def spec(self) -> str:
        return f"{self.kind}:{self.set_name}"


class MappingValid(_OnSet):
    kind = "mapping-valid"


class Reconciled(_OnSet):
    kind = "reconciled"


class _SetEvidence(TypedDict):
    set: str


class ValidationEvidence(_SetEvidence, total=False):
    """``mapping-valid``: the latest validation of the set's current version (if any)."""

    version: int
    validation_run: int | None
    ran_at: datetime
    actor: str
    errors: int
    warnings: int
    rules: int
    coverage: Decimal | None
    coverage_amount: Decimal | None
    balances_file: str | None
    error_codes: dict[str, int]


class TranslationEvidence(_SetEvidence, total=False):
    """``reconciled``: the latest translation with the set's current version (if any)."""

    version: int
    translation_run: int | None
    ran_at: datetime
    actor: str
    input_file: str
    input_sha256: str
    on: date | None
    lines: int
    total_before: Decimal
    total_after: Decimal
    difference: Decimal
    untranslated_lines: int
    untranslated_amount: Decimal
    coverage_lines_pct: Decimal
    coverage_amount_pct: Decimal
    reconciled: bool


def _set_name(kind: str, rest: str, raw: str) -> str:
    if not rest:
        raise ValueError(f"{raw!r}: name the mapping set ({kind}:SET)")
    return checked_name(rest, "mapping set")


def _set_problem(name: str, names: Names) -> str | None:
    if name in names.sets:
        return None
    return f"unknown mapping set {name!r}; `migctl mapping sets` lists them"


def _current_set(db: Db, name: str) -> Row[Any] | None:
    return execute(db, select(MAPPING_SET).where(MAPPING_SET.c.name == name)
                   .order_by(MAPPING_SET.c.version.desc())).first()


def _error_codes(db: Db, validation_run: int) -> dict[str, int]:
    """Error count per code of a validation run's stored findings (read only when it found
    errors: they can be big)."""
    found = execute(db, select(VALIDATION_RUN.c.findings)
                    .where(VALIDATION_RUN.c.id == validation_run)).scalar()
    codes: dict[str, int] = {}
    for finding in found if isinstance(found, list) else []:
        if isinstance(finding, dict) and finding.get("severity") == "error":
            codes[str(finding.get("code"))] = codes.get(str(finding.get("code")), 0) + 1
    return dict(sorted(codes.items()))


S = TypeVar("S", MappingValid, Reconciled)
E = TypeVar("E", ValidationEvidence, TranslationEvidence)


class _SetKind(Generic[S, E]):
    """A criterion on a mapping set's current version: the set checked and read once here."""

    name: str
    criterion: type[S]

    def parse(self, rest: str, raw: str) -> S:
        return self.criterion(_set_name(self.name, rest, raw))

    def problem(self, criterion: S, names: Names, gate: str | None) -> str | None:
        return _set_problem(criterion.set_name, names)

    def evaluate(self, criterion: S, context: Context, gate: str | None
                 ) -> Outcome[E | _SetEvidence]:
        current = _current_set(context.session, criterion.set_name)
        if current is None:
            return Outcome(False, f"no mapping set {criterion.set_name!r}",
                           {"set": criterion.set_name})
        return self.evaluate_current(current, f"{current.name}@{current.version}", context)

    def evaluate_current(self, current: Row[Any], label: str, context: Context) -> Outcome[E]:
        """The verdict on ``current`` (the set's current version, written ``label``)."""
        raise NotImplementedError


class MappingValidKind(_SetKind[MappingValid, ValidationEvidence]):
    name = "mapping-valid"
    usage = "mapping-valid:SET"
    criterion = MappingValid

    def evaluate_current(self, current: Row[Any], label: str, context: Context
                         ) -> Outcome[ValidationEvidence]:
        """The latest validation of ``current`` up to now: passes when it found no errors."""
        db = context.session
        run = execute(db, select(
            *columns_except(VALIDATION_RUN, "findings"))  # read below, only if needed
            .where(VALIDATION_RUN.c.set_id == current.id, VALIDATION_RUN.c.ran_at <= context.now)
            .order_by(VALIDATION_RUN.c.ran_at.desc(), VALIDATION_RUN.c.id.desc())).first()
        evidence: ValidationEvidence = {"set": current.name, "version": current.version,
                                        "validation_run": None}
        if run is None:
            return Outcome(False, f"{label} (the current version) has not been validated",
                           evidence)
        codes = _error_codes(db, run.id) if run.errors else {}
        evidence.update({
            "validation_run": run.id, "ran_at": run.ran_at, "actor": run.actor,
            "errors": run.errors, "warnings": run.warnings, "rules": run.rules,
            "coverage": run.coverage, "coverage_amount": run.coverage_amount,
            "balances_file": run.balances_file, "error_codes": codes})
        when = f"validation {run.id} of {label} at {context.local(run.ran_at)}"
        if run.errors:
            by_code = ", ".join(code if n == 1 else f"{code} ×{n}" for code, n in codes.items())
            return Outcome(False, f"{when} found {run.errors} error(s)"
                           + (f" ({by_code})" if by_code else ""), evidence)
        return Outcome(True, f"{when}: no errors, {run.warnings} warning(s)", evidence)


class ReconciledKind(_SetKind[Reconciled, TranslationEvidence]):
    name = "reconciled"
    usage = "reconciled:SET"
    criterion = Reconciled

    def evaluate_current(self, current: Row[Any], label: str, context: Context
                         ) -> Outcome[TranslationEvidence]:
        """The latest translation with ``current``: passes when it reconciled in full."""
        runs = TRANSLATION_RUN.c
        run = execute(context.session, select(*columns_except(TRANSLATION_RUN, "report"))
            .where(or_(runs.set_id == current.id, runs.cost_object_set_id == current.id),
                   runs.ran_at <= context.now)
            .order_by(runs.ran_at.desc(), runs.id.desc())).first()
        evidence: TranslationEvidence = {"set": current.name, "version": current.version,
                                         "translation_run": None}
        if run is None:
            return Outcome(False, f"nothing has been translated with {label} (the current "
                           "version)", evidence)
        difference = run.total_after - run.total_before
        evidence.update({
            "translation_run": run.id, "ran_at": run.ran_at, "actor": run.actor,
            "input_file": run.input_file, "input_sha256": run.input_sha256,
            "on": run.on_date, "lines": run.lines, "total_before": run.total_before,
            "total_after": run.total_after, "difference": difference,
            "untranslated_lines": run.untranslated_lines,
            "untranslated_amount": run.untranslated_amount,
            "coverage_lines_pct": run.coverage_lines_pct,
            "coverage_amount_pct": run.coverage_amount_pct, "reconciled": run.reconciled,
        })
        when = (f"translation {run.id} of {run.input_file} with {label} at "
                f"{context.local(run.ran_at)}")
        full = run.coverage_lines_pct == HUNDRED and run.coverage_amount_pct == HUNDRED
        if run.reconciled and full and difference == 0:
            return Outcome(True, f"{when}: {run.lines} lines reconciled to the cent, 100 % "
                           "coverage", evidence)
        problems = []
        if not run.reconciled or difference:
            problems.append(f"does not reconcile (difference {plain(difference)})")
        if run.untranslated_lines:
            problems.append(f"{run.untranslated_lines} line(s) untranslated "
                            f"({plain(run.untranslated_amount)})")
        if not full:
            problems.append(f"coverage {plain(run.coverage_lines_pct)} % of lines, "
                            f"{plain(run.coverage_amount_pct)} % of euros")
        return Outcome(False, f"{when}: " + "; ".join(problems), evidence)
