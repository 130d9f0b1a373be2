"""`mapping validate`: run the checks on one set version and record the run (or, for a
dry run or a spreadsheet checked without importing it, record nothing).

Every run is stored (a later go/no-go gate reads "the latest validation of the set's current
version has no errors"), with its counts, coverage and findings. An account set runs
M001–M011 and M014 (with ``cost_objects``, M007 leaves the dimensions that cost-objects set
gives to it); a cost-objects set runs M005, M006, M008, M010–M013.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TypedDict

from sqlmodel import Session, col, select

from migctl.checks import CheckReport
from migctl.errors import NotFound, OptionError
from migctl.importers import ReadOptions
from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.mapping.balance_check import BalanceCheck, check_balances
from migctl.services.mapping.checks import CODES, MappingChecker
from migctl.services.mapping.cost_object_checks import (
    COST_OBJECT_CODES,
    CostObjectChecker,
    balance_finding,
)
from migctl.services.mapping.documents import ValidationHead
from migctl.services.mapping.fields import ACCOUNTS, COST_OBJECTS
from migctl.services.mapping.files import given_path
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.references import (
    choose_chart,
    load_dimensions,
    reference_paths,
)
from migctl.services.mapping.rules import Rule, load_rules
from migctl.services.mapping.sets import read_rules, resolve_set, set_label
from migctl.services.mapping.validate_stored import check_stored, load_chart_rows
from migctl.store.models.mapping import Dimension, MappingSet, ValidationRun
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
    #: the spreadsheet validated without importing it (its path as given), else None
    file: str | None = None
    #: the paths the findings' files were given as (base name → path), for annotations
    paths: dict[str, str] = field(default_factory=dict)
    recorded: bool = True

    @property
    def label(self) -> str:
        return self.file if self.file is not None else f"{self.set_name}@{self.version}"

    def head(self) -> ValidationHead:
        """The keys before ``summary`` in `mapping validate -f json`."""
        head: ValidationHead = {"set": self.set_name, "version": self.version}
        if self.file is not None:
            head["file"] = self.file
        if self.kind == COST_OBJECTS:
            head |= {"kind": self.kind, "source_dimension": self.source_dimension}
        elif self.cost_objects is not None:
            head["cost_objects"] = self.cost_objects
        return head


@dataclass(frozen=True)
class Subject:
    """What is validated: a stored set version, or a spreadsheet that is not imported."""

    name: str
    version: int
    kind: str
    source_dimension: str | None
    file: str  # the base name findings name
    rules: list[Rule] | None  # None: not loaded, the checks ask the store (validate_stored)
    mapping_set: MappingSet | None = None  # None: a file, nothing is recorded
    path: str | None = None  # as given (at import, or on the command line)

    def paths(self) -> dict[str, str]:
        return {self.file: self.path} if self.path else {}


def finding_record(report: CheckReport) -> list[dict[str, object]]:  # code-specific keys
    """Findings as stored with the run (the JSON shape of `mapping validate -f json`)."""
    return [
        {"code": f.code, "severity": f.severity.value, "message": f.message, "file": f.file,
         "row": f.row, **f.data}
        for f in report.sorted_findings()
    ]


def stored_subject(session: Session, ref: str | None, *, load: bool = True) -> Subject:
    """A set version in the store (``ref``: NAME or NAME@VERSION; None: the only set); its
    rules are loaded unless ``load`` is false and it is an account set (whose checks then
    ask the store for what they need, :mod:`validate_stored`)."""
    mapping_set = resolve_set(session, ref)
    assert mapping_set.id is not None
    rules: list[Rule] | None = None
    if load or mapping_set.kind != ACCOUNTS:
        with gc_paused():
            rules = load_rules(session, mapping_set.id)
    return Subject(mapping_set.name, mapping_set.version, mapping_set.kind,
                   mapping_set.source_dimension, mapping_set.file_name, rules, mapping_set,
                   mapping_set.source_path)


def file_subject(session: Session, path: Path, ref: str | None,
                 reader_options: ReadOptions | None = None) -> Subject:
    """A mapping spreadsheet checked as the next version of set ``ref`` would be (its kind
    and source dimension; no ``ref``: a new account set), without importing it."""
    previous = resolve_set(session, ref) if ref is not None else None
    kind = previous.kind if previous is not None else ACCOUNTS
    source_dimension = previous.source_dimension if previous is not None else None
    known = list(session.exec(select(Dimension.key).order_by(col(Dimension.key))).all())
    with gc_paused():
        rules, summary = read_rules(path, known_dimensions=known,
                                    source_dimension=source_dimension,
                                    **(reader_options or {}))
    name = previous.name if previous is not None else path.name
    version = previous.version + 1 if previous is not None else 1
    return Subject(name, version, kind, source_dimension, summary.file, rules,
                   path=given_path(path))


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
    file: Path | None = None,
    record_run: bool = True,
) -> Validation:
    """Check a set version against the charts and dimensions (and, with ``balances``, a
    ledger file: M001 — M012 for a cost-objects set — for money without a rule); the run is
    recorded unless ``record_run`` is false. ``cost_objects`` names the cost-objects set an
    account set is used with. With ``file`` that spreadsheet is checked as the next version
    of ``ref`` (a new account set without it), nothing imported and nothing recorded."""
    with gc_paused():  # one pause from loading to checking: the collector never walks the rules
        validation, run, stored = _validate(session, ref=ref, strict=strict,
                                            legacy_chart=legacy_chart,
                                            target_chart=target_chart, balances=balances,
                                            on=on, reader_options=reader_options,
                                            today=today or (now or datetime.now(UTC)).date(),
                                            cost_objects=cost_objects, file=file)
    _summarise(validation)
    validation.recorded = record_run and stored is not None
    if validation.recorded:
        assert stored is not None
        _record(session, actor, stored, validation, now=now, **run)
    return validation


def _validate(session: Session, *, ref: str | None, strict: bool, legacy_chart: str | None,
              target_chart: str | None, balances: Path | None, on: date | None,
              reader_options: ReadOptions | None, today: date, cost_objects: str | None,
              file: Path | None) -> tuple[Validation, RunFacts, MappingSet | None]:
    """:func:`validate_set` up to the recording: the validation, its facts and the stored set
    (None for a file); the rules are garbage once it returns."""
    subject = (stored_subject(session, ref, load=balances is not None) if file is None
               else file_subject(session, file, ref, reader_options))
    if subject.kind == COST_OBJECTS:
        if cost_objects is not None:
            raise OptionError(f"{subject.name}@{subject.version} is a cost-objects set: "
                              "{option} goes with the account set it is used with",
                              field="cost_objects")
        validation, run = _validate_cost_objects(session, subject, strict=strict,
                                                 balances=balances, on=on,
                                                 reader_options=reader_options, today=today)
    else:
        validation, run = _validate_accounts(session, subject, strict=strict, balances=balances,
                                             on=on, reader_options=reader_options, today=today,
                                             cost_objects=cost_objects,
                                             legacy_chart=legacy_chart,
                                             target_chart=target_chart)
    return validation, run, subject.mapping_set


def _validate_accounts(session: Session, subject: Subject, *, strict: bool,
                       balances: Path | None, on: date | None,
                       reader_options: ReadOptions | None, today: date,
                       cost_objects: str | None, legacy_chart: str | None,
                       target_chart: str | None) -> tuple[Validation, RunFacts]:
    co_set = resolve_set(session, cost_objects, kind=COST_OBJECTS) if cost_objects else None
    provided = frozenset(k for k in co_set.dimensions.split(",") if k) if co_set else frozenset()
    with gc_paused():
        legacy = load_chart_rows(session, choose_chart(session, "legacy", legacy_chart))
        target = load_chart_rows(session, choose_chart(session, "target", target_chart))
        dimensions = load_dimensions(session)
        report = CheckReport(f"mapping {subject.name}@{subject.version}", list(CODES))
        checker = MappingChecker(rules=subject.rules or [], file=subject.file, legacy=legacy,
                                 target=target, dimensions=dimensions,
                                 report=report, provided=provided)
        if subject.rules is None:
            assert subject.mapping_set is not None and subject.mapping_set.id is not None
            count, coverage = check_stored(session, subject.mapping_set.id, checker)
        else:
            count, coverage = len(subject.rules), checker.run()
    validation = _validation(subject, report, coverage, strict,
                             reference_paths([legacy, target], dimensions.values()), count)
    validation.cost_objects = set_label(co_set) if co_set is not None else None
    run = RunFacts(legacy_chart=legacy.key, target_chart=target.key, balances_file=None,
                   balances_sha=None, cost_object_set_id=co_set.id if co_set else None)
    if balances is not None:
        with gc_paused():
            result = check_balances(rules=checker.unique, report=report, path=balances,
                                    today=today, on=on, reader_options=reader_options)
        # an account with money and no rule is reported once, with its amount
        report.findings = [f for f in report.findings
                           if not (f.code == "M001" and f.file == legacy.file
                                   and f.subject in result.accounts)]
        _balances(validation, run, result, balances)
    return validation, run


def _validation(subject: Subject, report: CheckReport, coverage: Decimal, strict: bool,
                references: dict[str, str], rules: int) -> Validation:
    """``references``: the charts' and dimensions' paths as given at import (the subject's
    own file wins a clash of base names); ``rules``: how many the set has."""
    return Validation(subject.name, subject.version, report, rules, coverage,
                      strict=strict, kind=subject.kind, source_dimension=subject.source_dimension,
                      file=subject.path if subject.mapping_set is None else None,
                      paths=references | subject.paths())


def _balances(validation: Validation, run: RunFacts, result: BalanceCheck, path: Path) -> None:
    validation.coverage_amount = result.coverage_amount
    validation.paths[result.file] = given_path(path)
    run["balances_file"], run["balances_sha"] = result.file, result.sha256


def _validate_cost_objects(session: Session, subject: Subject, *, strict: bool,
                           balances: Path | None, on: date | None,
                           reader_options: ReadOptions | None, today: date,
                           ) -> tuple[Validation, RunFacts]:
    key = subject.source_dimension or ""
    dimensions = load_dimensions(session)
    source = dimensions.get(key)
    if source is None:
        raise NotFound(f"dimension {key!r}, the source of {subject.name}@{subject.version}, "
                       f"is not in the store; `migctl dimension import FILE --dimension {key} "
                       "--role legacy`")
    with gc_paused():
        report = CheckReport(f"mapping {subject.name}@{subject.version}",
                             list(COST_OBJECT_CODES))
        checker = CostObjectChecker(rules=subject.rules or [], file=subject.file, source=source,
                                    dimensions=dimensions, report=report)
        coverage = checker.run()
    validation = _validation(subject, report, coverage, strict,
                             reference_paths([], dimensions.values()), len(checker.rules))
    run = RunFacts(legacy_chart="", target_chart="", balances_file=None, balances_sha=None,
                   cost_object_set_id=None)
    if balances is not None:
        with gc_paused():
            result = check_balances(rules=checker.unique, report=report, path=balances,
                                    today=today, on=on, reader_options=reader_options,
                                    source_dimension=key, missing_finding=balance_finding(key))
        # a value with money and no rule is reported once, with its amount
        report.findings = [f for f in report.findings
                           if not (f.code == "M012" and f.file == source.file
                                   and f.subject in result.accounts)]
        _balances(validation, run, result, balances)
    return validation, run


class RunFacts(TypedDict):
    """What a recorded run keeps beside the validation: the charts and the balances file."""

    legacy_chart: str
    target_chart: str
    balances_file: str | None
    balances_sha: str | None
    cost_object_set_id: int | None


def _summarise(validation: Validation) -> None:
    """The check's own figures in the report's summary (rules, coverage, coverage_amount)."""
    report = validation.report
    report.meta.update({"rules": validation.rules, "coverage": validation.coverage})
    if validation.coverage_amount is not None:
        report.meta["coverage_amount"] = validation.coverage_amount


def _record(session: Session, actor: Actor, mapping_set: MappingSet, validation: Validation, *,
            legacy_chart: str, target_chart: str, balances_file: str | None,
            balances_sha: str | None, now: datetime | None,
            cost_object_set_id: int | None = None) -> None:
    """Store the run and its audit event."""
    assert mapping_set.id is not None
    report = validation.report
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
