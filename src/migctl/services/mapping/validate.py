"""`mapping validate`: run the checks on one set version and record the run.

Every run is stored (a later go/no-go gate reads "the latest validation of the set's current
version has no errors"), with its counts, coverage and findings. An account set runs
M001–M011 and M014 (with ``cost_objects``, M007 leaves the dimensions that cost-objects set
gives to it); a cost-objects set runs M005, M006, M008, M010–M013.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session

from migctl.checks import CheckReport
from migctl.errors import NotFound, OptionError
from migctl.importers import ReadOptions
from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.mapping.balance_check import check_balances
from migctl.services.mapping.checks import CODES, MappingChecker
from migctl.services.mapping.cost_object_checks import (
    COST_OBJECT_CODES,
    CostObjectChecker,
    balance_finding,
)
from migctl.services.mapping.documents import ValidationHead
from migctl.services.mapping.fields import ACCOUNTS, COST_OBJECTS
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.references import choose_chart, load_chart, load_dimensions
from migctl.services.mapping.rules import load_rules
from migctl.services.mapping.sets import resolve_set, set_label
from migctl.store.models.mapping import MappingSet, ValidationRun
from migctl.values import counted


@dataclass
class Validation:
    """One validation's outcome: the check report plus what it was run on."""

    set_name: str
    version: int
    report: CheckReport
    rules: int
    coverage: Decimal
    coverage_amount: Decimal | None = None
    strict: bool = False
    kind: str = ACCOUNTS
    source_dimension: str | None = None
    cost_objects: str | None = None  # NAME@N of the cost-objects set validated with

    @property
    def label(self) -> str:
        return f"{self.set_name}@{self.version}"

    def head(self) -> ValidationHead:
        """The keys before ``summary`` in `mapping validate -f json`."""
        head: ValidationHead = {"set": self.set_name, "version": self.version}
        if self.kind == COST_OBJECTS:
            head |= {"kind": self.kind, "source_dimension": self.source_dimension}
        elif self.cost_objects is not None:
            head["cost_objects"] = self.cost_objects
        return head


def finding_record(report: CheckReport) -> list[dict[str, object]]:  # code-specific keys
    """Findings as stored with the run (the JSON shape of `mapping validate -f json`)."""
    return [
        {"code": f.code, "severity": f.severity.value, "message": f.message, "file": f.file,
         "row": f.row, **f.data}
        for f in report.sorted_findings()
    ]


def validate_set(
    session: Session,
    actor: Actor,
    *,
    ref: str | None,
    strict: bool = False,
    legacy_chart: str | None = None,
    target_chart: str | None = None,
    balances: Path | None = None,
    on: date | None = None,
    reader_options: ReadOptions | None = None,
    today: date | None = None,
    now: datetime | None = None,
    cost_objects: str | None = None,
) -> Validation:
    """Check a set version against the charts and dimensions (and, with ``balances``, a
    ledger file: M001 — M012 for a cost-objects set — for money without a rule); the run is
    recorded. ``cost_objects`` names the cost-objects set an account set is used with."""
    mapping_set = resolve_set(session, ref)
    assert mapping_set.id is not None
    today = today or (now or datetime.now(UTC)).date()
    if mapping_set.kind == COST_OBJECTS:
        if cost_objects is not None:
            raise OptionError(f"{set_label(mapping_set)} is a cost-objects set: {{option}} "
                              "goes with the account set it is used with", field="cost_objects")
        return _validate_cost_objects(session, actor, mapping_set, strict=strict,
                                      balances=balances, on=on, reader_options=reader_options,
                                      today=today, now=now)
    co_set = resolve_set(session, cost_objects, kind=COST_OBJECTS) if cost_objects else None
    provided = frozenset(k for k in co_set.dimensions.split(",") if k) if co_set else frozenset()
    with gc_paused():
        legacy = load_chart(session, choose_chart(session, "legacy", legacy_chart))
        target = load_chart(session, choose_chart(session, "target", target_chart))
        rules = load_rules(session, mapping_set.id)
        report = CheckReport(f"mapping {set_label(mapping_set)}", list(CODES))
        checker = MappingChecker(rules=rules, file=mapping_set.file_name, legacy=legacy,
                                 target=target, dimensions=load_dimensions(session),
                                 report=report, provided=provided)
        coverage = checker.run()
    validation = Validation(mapping_set.name, mapping_set.version, report, len(rules), coverage,
                            strict=strict,
                            cost_objects=set_label(co_set) if co_set is not None else None)
    balances_file = balances_sha = None
    if balances is not None:
        with gc_paused():
            result = check_balances(rules=checker.unique, report=report, path=balances,
                                    today=today, on=on, reader_options=reader_options)
        # an account with money and no rule is reported once, with its amount
        report.findings = [f for f in report.findings
                           if not (f.code == "M001" and f.file == legacy.file
                                   and f.subject in result.accounts)]
        validation.coverage_amount = result.coverage_amount
        balances_file, balances_sha = result.file, result.sha256
    _record(session, actor, mapping_set, validation, legacy_chart=legacy.key,
            target_chart=target.key, balances_file=balances_file, balances_sha=balances_sha,
            now=now, cost_object_set_id=co_set.id if co_set is not None else None)
    return validation


def _validate_cost_objects(session: Session, actor: Actor, mapping_set: MappingSet, *,
                           strict: bool, balances: Path | None, on: date | None,
                           reader_options: ReadOptions | None, today: date,
                           now: datetime | None) -> Validation:
    assert mapping_set.id is not None
    key = mapping_set.source_dimension or ""
    dimensions = load_dimensions(session)
    source = dimensions.get(key)
    if source is None:
        raise NotFound(f"dimension {key!r}, the source of {set_label(mapping_set)}, is not in "
                       f"the store; `migctl dimension import FILE --dimension {key} "
                       "--role legacy`")
    with gc_paused():
        rules = load_rules(session, mapping_set.id)
        report = CheckReport(f"mapping {set_label(mapping_set)}", list(COST_OBJECT_CODES))
        checker = CostObjectChecker(rules=rules, file=mapping_set.file_name, source=source,
                                    dimensions=dimensions, report=report)
        coverage = checker.run()
    validation = Validation(mapping_set.name, mapping_set.version, report, len(rules), coverage,
                            strict=strict, kind=COST_OBJECTS, source_dimension=key)
    balances_file = balances_sha = None
    if balances is not None:
        with gc_paused():
            result = check_balances(rules=checker.unique, report=report, path=balances,
                                    today=today, on=on, reader_options=reader_options,
                                    source_dimension=key, missing_finding=balance_finding(key))
        # a value with money and no rule is reported once, with its amount
        report.findings = [f for f in report.findings
                           if not (f.code == "M012" and f.file == source.file
                                   and f.subject in result.accounts)]
        validation.coverage_amount = result.coverage_amount
        balances_file, balances_sha = result.file, result.sha256
    _record(session, actor, mapping_set, validation, legacy_chart="", target_chart="",
            balances_file=balances_file, balances_sha=balances_sha, now=now)
    return validation


def _record(session: Session, actor: Actor, mapping_set: MappingSet, validation: Validation, *,
            legacy_chart: str, target_chart: str, balances_file: str | None,
            balances_sha: str | None, now: datetime | None,
            cost_object_set_id: int | None = None) -> None:
    """Store the run and its audit event."""
    assert mapping_set.id is not None
    report = validation.report
    report.meta.update({"rules": validation.rules, "coverage": validation.coverage})
    if validation.coverage_amount is not None:
        report.meta["coverage_amount"] = validation.coverage_amount
    session.add(ValidationRun(
        set_id=mapping_set.id, set_version=mapping_set.version,
        cost_object_set_id=cost_object_set_id, ran_at=now or datetime.now(UTC),
        actor=actor.name, legacy_chart=legacy_chart, target_chart=target_chart,
        errors=report.errors, warnings=report.warnings, rules=validation.rules,
        coverage=validation.coverage, coverage_amount=validation.coverage_amount,
        strict=validation.strict, balances_file=balances_file, balances_sha256=balances_sha,
        findings=to_jsonable(finding_record(report)),
    ))
    record(session, actor, entity_type="mapping_set", entity_key=set_label(mapping_set),
           action="validate",
           summary=f"{counted(report.errors, 'error')}, {counted(report.warnings, 'warning')}, "
                   f"coverage {validation.coverage} %"
           + (f" (balances {balances_file})" if balances_file else "")
           + (f" with {validation.cost_objects}" if validation.cost_objects else ""))
