"""`mapping validate`: run the checks on one set version and record the run.

Every run is stored (a later go/no-go gate reads "the latest validation of the set's current
version has no errors"), with its counts, coverage and findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from migctl.checks import CheckReport
from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.mapping.balance_check import check_balances
from migctl.services.mapping.checks import CODES, MappingChecker
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.references import choose_chart, load_chart, load_dimensions
from migctl.services.mapping.rules import load_rules
from migctl.services.mapping.sets import resolve_set, set_label
from migctl.store.models.mapping import ValidationRun


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

    @property
    def label(self) -> str:
        return f"{self.set_name}@{self.version}"


def finding_record(report: CheckReport) -> list[dict[str, Any]]:
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
    reader_options: dict[str, Any] | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Validation:
    """Check a set version against the charts and dimensions (and, with ``balances``, a
    ledger file: M001 for money without a rule); the run is recorded."""
    mapping_set = resolve_set(session, ref)
    assert mapping_set.id is not None
    with gc_paused():
        legacy = load_chart(session, choose_chart(session, "legacy", legacy_chart))
        target = load_chart(session, choose_chart(session, "target", target_chart))
        rules = load_rules(session, mapping_set.id)
        report = CheckReport(f"mapping {set_label(mapping_set)}", list(CODES))
        checker = MappingChecker(rules=rules, file=mapping_set.file_name, legacy=legacy,
                                 target=target, dimensions=load_dimensions(session),
                                 report=report)
        coverage = checker.run()
    validation = Validation(mapping_set.name, mapping_set.version, report, len(rules), coverage,
                            strict=strict)
    balances_file = balances_sha = None
    if balances is not None:
        with gc_paused():
            result = check_balances(rules=checker.unique, report=report, path=balances,
                                    today=today or (now or datetime.now(UTC)).date(), on=on,
                                    reader_options=reader_options)
        # an account with money and no rule is reported once, with its amount
        report.findings = [f for f in report.findings
                           if not (f.code == "M001" and f.file == legacy.file
                                   and f.subject in result.accounts)]
        validation.coverage_amount = result.coverage_amount
        balances_file, balances_sha = result.file, result.sha256
    report.meta.update({"rules": len(rules), "coverage": coverage})
    if validation.coverage_amount is not None:
        report.meta["coverage_amount"] = validation.coverage_amount
    session.add(ValidationRun(
        set_id=mapping_set.id, set_version=mapping_set.version, ran_at=now or datetime.now(UTC),
        actor=actor.name, legacy_chart=legacy.key, target_chart=target.key,
        errors=report.errors, warnings=report.warnings, rules=len(rules), coverage=coverage,
        coverage_amount=validation.coverage_amount, strict=strict,
        balances_file=balances_file, balances_sha256=balances_sha,
        findings=to_jsonable(finding_record(report)),
    ))
    record(session, actor, entity_type="mapping_set", entity_key=set_label(mapping_set),
           action="validate",
           summary=f"{report.errors} errors, {report.warnings} warnings, coverage {coverage} %"
           + (f" (balances {balances_file})" if balances_file else ""))
    return validation
